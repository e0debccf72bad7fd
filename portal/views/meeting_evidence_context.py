"""What the meeting page shows of its evidence: the sheet to print and the scans for the
project's members; the upload, and the online sign-in's link and QR code, for who runs it."""

import segno
from django.urls import reverse
from django.utils import timezone

from meetings.event_sign_in import is_open_on, sign_in_day
from meetings.models import Meeting, OnlineSignIn
from meetings.signed_sheets import may_download_sheets

from ..forms.meeting_evidence import OpenSignInForm, SignedSheetForm


def sign_in_link(request, sign_in: OnlineSignIn) -> str:
    return request.build_absolute_uri(reverse("event-sign-in", args=[sign_in.token]))


def sign_in_qr(link: str, **options) -> str:
    """The link as a QR code, in SVG: medium error correction survives a creased print."""
    return segno.make(link, error="m").svg_inline(**options)


def evidence_context(request, meeting: Meeting, *, may_run: bool, **forms) -> dict:
    if meeting.project_id is None or not may_download_sheets(request.user, meeting):
        return {"evidence": False}
    context = {
        "evidence": True,
        "signed_sheets": list(meeting.signed_sheets.all()),
    }
    if may_run:
        sign_in = OnlineSignIn.objects.filter(meeting=meeting).first()
        context["sheet_form"] = forms.get("sheet_form") or SignedSheetForm()
        context["sign_in_form"] = forms.get("sign_in_form") or OpenSignInForm(
            initial={"language": sign_in.language if sign_in else request.LANGUAGE_CODE}
        )
        if sign_in:
            link = sign_in_link(request, sign_in)
            context.update(
                sign_in=sign_in,
                sign_in_link=link,
                sign_in_qr=sign_in_qr(link, scale=5, title=None),
                sign_in_open_now=is_open_on(sign_in, sign_in_day(timezone.now())),
            )
    return context

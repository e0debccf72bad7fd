"""What the meeting page shows of its evidence: the sheet to print and the scans for the
project's members, the scans for who may see participants' details (who runs the project);
the upload, and the online sign-in's link and QR code, for who runs it."""

import io

import segno
from django.urls import reverse
from django.utils import timezone

from meetings.event_sign_in import is_open_on, sign_in_day
from meetings.models import Meeting, OnlineSignIn
from meetings.signed_sheets import may_print_sheet, may_see_signed_sheets

from ..forms.meeting_evidence import OpenSignInForm, SignedSheetForm


def sign_in_link(request, sign_in: OnlineSignIn) -> str:
    return request.build_absolute_uri(reverse("event-sign-in", args=[sign_in.token]))


def qr_code(link: str):
    # Medium error correction: the code survives a creased print.
    return segno.make(link, error="m")


def sign_in_qr(link: str, **options) -> str:
    """The link as a QR code, in SVG to put inside a page."""
    return qr_code(link).svg_inline(**options)


def sign_in_qr_file(link: str, **options) -> bytes:
    """The link as a QR code, in a standalone SVG file (XML declaration, SVG namespace) that
    image viewers, browsers and print shops open as a picture."""
    out = io.BytesIO()
    qr_code(link).save(out, kind="svg", xmldecl=True, svgns=True, **options)
    return out.getvalue()


def evidence_context(request, meeting: Meeting, *, may_run: bool, **forms) -> dict:
    if meeting.project_id is None or not may_print_sheet(request.user, meeting):
        return {"evidence": False}
    # The scans carry outside people's names and signatures: partners learn only how many.
    sheets = meeting.signed_sheets.all()
    if may_see_signed_sheets(request.user, meeting):
        context = {"evidence": True, "signed_sheets": list(sheets), "may_see_sheets": True}
    else:
        context = {"evidence": True, "signed_sheets_kept": sheets.count()}
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

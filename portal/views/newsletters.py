"""Officers review, edit, approve and export the newsletter's drafts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from newsletters.content_gaps import describe_gaps
from newsletters.exports import FORMATS, as_html, issue_download
from newsletters.models import NewsletterIssue
from newsletters.sending import publish_issue
from newsletters.services import approve_issue, save_draft, save_edit

from ..binding import posted
from ..decorators import officer_required
from ..forms import NewsletterEditForm, NewsletterPeriodForm


@officer_required
def new_issue(request):
    form = NewsletterPeriodForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            issue = save_draft(
                first=form.cleaned_data["first"],
                last=form.cleaned_data["last"],
                language=form.cleaned_data["language"],
                drafted_by=request.user,
                confirm=form.cleaned_data["confirm"],
            )
        except ValidationError as refusal:
            form.add_error("confirm", refusal.messages)
        else:
            messages.success(request, _("The draft is ready for review."))
            return redirect("newsletter-issue", pk=issue.pk)
    return render(
        request,
        "portal/newsletter_new.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@officer_required
def issue_detail(request, pk: int):
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    form = NewsletterEditForm(posted(request), initial={"edited_content": issue.content})
    if request.method == "POST" and form.is_valid():
        try:
            save_edit(
                issue=issue, content=form.cleaned_data["edited_content"], edited_by=request.user
            )
        except ValidationError as refusal:
            form.add_error(None, refusal.messages)
        else:
            messages.success(request, _("Your version is saved."))
            return redirect("newsletter-issue", pk=issue.pk)
    return render(
        request,
        "portal/newsletter_issue.html",
        {
            "issue": issue,
            "form": form,
            # Exactly what goes out: as_html keeps text and links, drops anything that runs.
            "preview": as_html(issue.content, issue.language),
            # Issues drafted before the notes were kept (newsletters migration 0005), until
            # drafted again, show their record as written.
            "gaps": describe_gaps(issue.gap_notes)
            or [gap for gap in issue.gaps.splitlines() if gap.strip()],
            "formats": FORMATS,
        },
        status=400 if form.errors else 200,
    )


@officer_required
@require_POST
def approve(request, pk: int):
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    try:
        approve_issue(issue=issue, approved_by=request.user)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("The issue is approved and may be published."))
    return redirect("newsletter-issue", pk=issue.pk)


@officer_required
@require_POST
def publish(request, pk: int):
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    try:
        queued = publish_issue(issue=issue, published_by=request.user)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(
            request,
            ngettext(
                "The issue is published and goes to %(count)d subscriber.",
                "The issue is published and goes to %(count)d subscribers.",
                queued,
            )
            % {"count": queued},
        )
    return redirect("newsletter-issue", pk=issue.pk)


@officer_required
def export(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404(_("Unknown format."))
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    return issue_download(issue, fmt)

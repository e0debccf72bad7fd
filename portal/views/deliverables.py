"""A deliverable's page: what it is, every round of handing in and review, and the review
itself. A deliverable of a project one is not in answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common import clock
from deliverables.models import Contribution, Deliverable
from deliverables.services import request_changes
from projects import access

from ..forms.reviews import RequestChangesForm
from ..selectors import labelled, review_thread


def visible_deliverable(user, pk: int) -> Deliverable:
    visible = Deliverable.objects.filter(project__in=access.visible_project_ids(user))
    contributions = Contribution.objects.select_related("organisation").order_by(
        "organisation__name"
    )
    return get_object_or_404(
        labelled(visible).prefetch_related(
            Prefetch("contributions", queryset=contributions, to_attr="contributing")
        ),
        pk=pk,
    )


def render_page(request, deliverable: Deliverable, form=None, status: int = 200):
    may_review = access.may_approve(request.user, deliverable)
    under_review = deliverable.status == Deliverable.Status.SUBMITTED
    return render(
        request,
        "portal/deliverable_detail.html",
        {
            "deliverable": deliverable,
            "today": clock.today(),
            "thread": review_thread(deliverable),
            "may_submit": deliverable.status != Deliverable.Status.APPROVED
            and access.may_submit(request.user, deliverable),
            "review_form": (form or RequestChangesForm()) if may_review and under_review else None,
        },
        status=status,
    )


@login_required
def deliverable_detail(request, pk: int):
    return render_page(request, visible_deliverable(request.user, pk))


@login_required
@require_POST
def deliverable_request_changes(request, pk: int):
    """Send what was handed in back to the lead with a comment; the service refuses whoever
    may not review (403) and an empty comment (400, beside the field)."""
    deliverable = visible_deliverable(request.user, pk)
    form = RequestChangesForm(request.POST)
    if form.is_valid():
        try:
            request_changes(
                deliverable=deliverable,
                requested_by=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as refusal:
            if "comment" not in getattr(refusal, "error_dict", {}):
                # Reviewed meanwhile, most likely: the page shows where it stands now.
                messages.error(request, " ".join(refusal.messages))
                return redirect("deliverable-detail", pk=deliverable.pk)
            form.add_error("comment", refusal.error_dict["comment"])
        else:
            messages.success(
                request,
                _("Changes requested on %(code)s; its lead's contacts are told by e-mail.")
                % {"code": deliverable.code},
            )
            return redirect("deliverable-detail", pk=deliverable.pk)
    return render_page(request, deliverable, form=form, status=400)

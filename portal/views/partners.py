"""Officers choose a project's partners: organisations found as typed, or recorded anew."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from partners.matching import find_organisations, similar_organisations
from partners.models import Organisation, Person
from projects.models import Partnership, Project
from projects.services import partner_work, remove_partnership
from projects.setup import create_organisation, save_partnership

from ..binding import posted
from ..forms.setup import OrganisationFinderForm, OrganisationForm, PartnershipForm, show_refusal
from .setup import officer_project, render_form

FOUND_LIMIT = 20


def partners_context(project: Project, finder: OrganisationFinderForm) -> dict:
    partnerships = project.partnerships.select_related("organisation").prefetch_related(
        Prefetch("contacts", queryset=Person.objects.order_by("last_name", "first_name"))
    )
    return {
        "project": project,
        "partnerships": partnerships.order_by("role", "organisation__name"),
        "finder": finder,
        "found": found_organisations(project, finder),
    }


def found_organisations(project: Project, finder: OrganisationFinderForm) -> list | None:
    """The organisations matching what was typed, those already in the project marked."""
    if not finder.is_valid() or not finder.cleaned_data["q"].strip():
        return None
    in_project = project.partnerships.values("organisation_id")
    found = find_organisations(finder.cleaned_data["q"]).exclude(pk__in=in_project)
    return list(found[:FOUND_LIMIT])


@login_required
def partners(request, pk: int):
    """The project's partners; find an organisation to add (plain GET without a script)."""
    project = officer_project(request, pk)
    finder = OrganisationFinderForm(request.GET)
    context = partners_context(project, finder)
    return render(
        request, "portal/setup_partners.html", context, status=400 if finder.errors else 200
    )


@login_required
def partner_search(request, pk: int):
    """The finder's results alone, as they are typed (htmx)."""
    project = officer_project(request, pk)
    finder = OrganisationFinderForm(request.GET)
    return render(
        request,
        "portal/setup_found.html",
        {"project": project, "finder": finder, "found": found_organisations(project, finder)},
        status=400 if finder.errors else 200,
    )


def save_partnership_form(request, form) -> bool:
    if not form.is_valid():
        return False
    try:
        save_partnership(
            partnership=form.instance, contacts=form.cleaned_data["contacts"], saved_by=request.user
        )
    except ValidationError as refusal:
        show_refusal(form, refusal, beside="role")
        return False
    return True


# Each role its own sentence: the role decides the article and the words around it.
ADDED = {
    Partnership.Role.COORDINATOR: gettext_lazy("%(organisation)s is the coordinator now."),
    Partnership.Role.PARTNER: gettext_lazy("%(organisation)s is a partner now."),
    Partnership.Role.ASSOCIATED: gettext_lazy("%(organisation)s is an associated partner now."),
}


@login_required
def partner_add(request, pk: int, organisation_pk: int):
    project = officer_project(request, pk)
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    form = PartnershipForm(
        posted(request), instance=Partnership(project=project, organisation=organisation)
    )
    if request.method == "POST" and save_partnership_form(request, form):
        messages.success(request, ADDED[form.instance.role] % {"organisation": organisation})
        return redirect("project-partners", pk=project.pk)
    context = {"project": project, "organisation": organisation, "adding": True}
    return render_form(request, "portal/setup_partnership.html", context, form)


@login_required
def partner_edit(request, pk: int, partnership_pk: int):
    project = officer_project(request, pk)
    partnership = get_object_or_404(
        project.partnerships.select_related("organisation"), pk=partnership_pk
    )
    form = PartnershipForm(posted(request), instance=partnership)
    if request.method == "POST" and save_partnership_form(request, form):
        messages.success(request, _("The partnership is saved."))
        return redirect("project-partners", pk=project.pk)
    context = {
        "project": project,
        "organisation": partnership.organisation,
        "partnership": partnership,
        "work": partner_work(partnership),
    }
    return render_form(request, "portal/setup_partnership.html", context, form)


@require_POST
@login_required
def partner_remove(request, pk: int, partnership_pk: int):
    project = officer_project(request, pk)
    partnership = get_object_or_404(
        project.partnerships.select_related("organisation"), pk=partnership_pk
    )
    try:
        remove_partnership(partnership=partnership, removed_by=request.user)
    except ValidationError as refusal:
        context = partners_context(project, OrganisationFinderForm())
        return render(
            request,
            "portal/setup_partners.html",
            {**context, "refusal": " ".join(refusal.messages)},
            status=400,
        )
    messages.success(
        request,
        _("%(organisation)s is no longer in the project.")
        % {"organisation": partnership.organisation},
    )
    return redirect("project-partners", pk=project.pk)


def accepted(form, name: str) -> str:
    """What was typed in a field if the field itself accepts it, else "": raw POST data may
    hold anything (a NUL character). An OID known already is accepted here, so that the
    organisation holding it is shown as a look-alike beside the refusal."""
    try:
        return form.fields[name].clean(form[name].data) or ""
    except ValidationError:
        return ""


@login_required
def organisation_new(request, pk: int):
    """Record an organisation and go on to add it; a look-alike of a known one is asked first."""
    project = officer_project(request, pk)
    form = OrganisationForm(posted(request), instance=Organisation())
    similar = []
    if request.method == "POST":
        valid = form.is_valid()
        similar = list(
            similar_organisations(
                name=accepted(form, "name"),
                country=accepted(form, "country"),
                oid=accepted(form, "oid"),
                pic=accepted(form, "pic"),
            )[:FOUND_LIMIT]
        )
        confirmed = request.POST.get("confirm") == "new"
        if valid and (confirmed or not similar):
            try:
                organisation = create_organisation(
                    organisation=form.instance, created_by=request.user
                )
            except ValidationError as refusal:
                show_refusal(form, refusal)
            else:
                messages.success(
                    request, _("%(organisation)s is recorded.") % {"organisation": organisation}
                )
                return redirect("partner-add", pk=project.pk, organisation_pk=organisation.pk)
    context = {"project": project, "similar": similar, "asking": bool(similar) and not form.errors}
    return render_form(request, "portal/setup_organisation.html", context, form)

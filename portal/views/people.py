"""The officers' people pages: contact persons, and the logins they are invited to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.text import words_query
from partners.invitations import Login, login_state
from partners.models import Invitation, Person
from projects import access, logins

from ..binding import posted
from ..decorators import officer_required
from ..forms.people import PeopleSearchForm, PersonForm

PEOPLE_PER_PAGE = 50
SEARCHED_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "job_title",
    "organisation__name",
    "organisation__short_name",
]


def with_login(people):
    """People with their organisation, their login and when they were last invited."""
    last_invited = Invitation.objects.filter(person=OuterRef("pk")).order_by("-created_at")
    return people.select_related("organisation", "user").annotate(
        last_invited_at=Subquery(last_invited.values("created_at")[:1])
    )


def searched_people(request):
    """The search form and the people it finds with their logins (the page, its download)."""
    form = PeopleSearchForm(request.GET or None)
    people = Person.objects.order_by("last_name", "first_name", "pk")
    if form.is_valid():
        if form.cleaned_data["q"]:
            people = people.filter(words_query(form.cleaned_data["q"], SEARCHED_FIELDS))
        if form.cleaned_data["organisation"]:
            people = people.filter(organisation=form.cleaned_data["organisation"])
    elif form.is_bound:
        people = people.none()
    return form, with_login(people)


@officer_required
def people_list(request):
    form, people = searched_people(request)
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/people_list.html",
        {"form": form, "page": page, "rows": [(p, login_state(p)) for p in page]},
        status=400 if form.errors else 200,
    )


@officer_required
def person_new(request):
    return person_form(request, Person())


@officer_required
def person_edit(request, pk: int):
    return person_form(request, get_object_or_404(Person.objects.select_related("user"), pk=pk))


def person_form(request, person: Person):
    form = PersonForm(posted(request), instance=person)
    if request.method == "POST" and form.is_valid():
        created = person.pk is None
        try:
            logins.save_person(person=form.instance, saved_by=request.user)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            if created:
                messages.success(request, _("%(name)s is added.") % {"name": person.full_name})
            else:
                messages.success(request, _("The changes are saved."))
            return redirect("person-detail", pk=person.pk)
    return render(
        request,
        "portal/person_form.html",
        {"form": form, "person": person},
        status=400 if form.errors else 200,
    )


def add_refusal(form, refusal: ValidationError) -> None:
    if hasattr(refusal, "error_dict"):
        for field, errors in refusal.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, refusal)


@officer_required
def person_detail(request, pk: int, *, refusal: ValidationError | None = None):
    person = get_object_or_404(with_login(Person.objects.all()), pk=pk)
    state = login_state(person)
    invitation = person.invitations.first() if state == Login.INVITED else None
    return render(
        request,
        "portal/person_detail.html",
        {
            "person": person,
            "state": state,
            "invitation": invitation,
            "itself": person.user_id == request.user.pk,
            "manageable": person.user is None or access.may_manage_login(request.user, person.user),
            "refusal": refusal,
        },
        status=400 if refusal else 200,
    )


def act_on_login(action: str, person: Person, user) -> str:
    """Run the login service the button names; return what to tell the officer."""
    if action == "invite":
        logins.invite(person=person, invited_by=user)
        return _("The invitation is on its way to %(email)s.") % {"email": person.email}
    if action == "resend":
        logins.resend_invitation(person=person, invited_by=user)
        return _(
            "A new invitation is on its way to %(email)s; the previous link no longer works."
        ) % {"email": person.email}
    if action == "deactivate":
        logins.deactivate_login(person=person, deactivated_by=user)
        return _("%(name)s can no longer sign in.") % {"name": person.full_name}
    logins.reactivate_login(person=person, reactivated_by=user)
    return _("%(name)s can sign in again.") % {"name": person.full_name}


LOGIN_ACTIONS = {"invite", "resend", "deactivate", "reactivate"}


@officer_required
@require_POST
def login_action(request, pk: int, action: str):
    """Invite, resend, deactivate or reactivate; a refusal is shown on the person's page."""
    if action not in LOGIN_ACTIONS:
        raise Http404
    person = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    try:
        done = act_on_login(action, person, request.user)
    except ValidationError as refusal:
        return person_detail(request, pk, refusal=refusal)
    messages.success(request, done)
    return redirect("person-detail", pk=pk)

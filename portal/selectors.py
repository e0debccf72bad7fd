"""Reads behind the pages. Each runs a fixed number of queries, whatever the rows it returns.

The rules of who sees what are projects.access's, the same as the API's; progress figures are
progress.selectors', the same as the newsletter's.
"""

from datetime import date, timedelta

from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)

from deliverables.involving import deliverables_involving_me
from deliverables.models import Contribution, Deliverable, Review, Submission
from meetings.models import ActionItem, Meeting, Participation
from partners.models import Person
from projects import access
from projects.models import ObjectiveStatusChange

UPCOMING_DAYS = 14
LIST_LIMIT = 50
HISTORY_LENGTH = 10
# Approved deliverables stay on My work this long, so the partner sees the approval.
APPROVED_SHOWN_DAYS = 30


def labelled(deliverables: QuerySet[Deliverable]) -> QuerySet[Deliverable]:
    """Deliverables with their project, lead organisation and work package, in the same query."""
    return deliverables.select_related("project", "lead_organisation", "work_package")


def my_deliverables(user, *, today: date) -> QuerySet[Deliverable]:
    """What my organisations lead or contribute to, across my projects, still to do or lately
    approved; `i_lead` says which I may hand in myself.

    My organisations are those I am a contact of in a project, and the one I work for in the
    projects I see: an officer is no project's contact, yet their network leads deliverables.
    """
    settled = Q(status=Deliverable.Status.APPROVED) & Q(
        approved_at__date__lt=today - timedelta(days=APPROVED_SHOWN_DAYS)
    )
    employer = Person.objects.filter(user=user).values("organisation_id")
    projects = access.visible_project_ids(user)
    # One `pk IN (… UNION …)` of small sets, each counted from my partnerships or my employer
    # (deliverables.involving.deliverables_involving_me says why not an OR of EXISTS).
    mine = deliverables_involving_me(user).union(
        Deliverable.objects.filter(project__in=projects, lead_organisation__in=employer)
        .order_by()
        .values("pk"),
        Contribution.objects.filter(deliverable__project__in=projects, organisation__in=employer)
        .order_by()
        .values("deliverable_id"),
    )
    i_lead = Q(access.my_organisation_in_project(user))
    if access.is_officer(user):  # officers may hand in anything; offer it for their own
        i_lead |= Q(lead_organisation__in=employer)
    return (
        labelled(Deliverable.objects.filter(pk__in=mine))
        .exclude(settled)
        .annotate(
            i_lead=ExpressionWrapper(i_lead, output_field=BooleanField()),
            requested_changes=last_request_for_changes(),
        )
        .order_by("due_date", "project__acronym", "code")
    )


def last_request_for_changes() -> Subquery:
    """The comment of the deliverable's latest request for changes, read in the same query."""
    latest = Review.objects.filter(
        deliverable=OuterRef("pk"), decision=Review.Decision.CHANGES_REQUESTED
    ).order_by("-created_at", "-pk")
    return Subquery(latest.values("comment")[:1])


def projects_behind_my_work(user) -> QuerySet | None:
    """A subquery of the ids of the projects whose rows My work may show, for its key: those
    I am a contact in (what my organisations owe, what I review), and those of the meetings I
    take part in or own action items of, which may be others. None for an officer, whose
    organisation may lead work in any project.

    A partner's My work is then drawn again when one of their own projects changes, not each
    time any of the network's does (the network's own meetings and everyone's names are the
    network's revision, which the key holds besides)."""
    if access.is_officer(user):
        return None
    # A network meeting's project is NULL, which matches no project's id.
    taking_part = Participation.objects.filter(person__user=user).order_by()
    owning = ActionItem.objects.filter(owner__user=user).order_by()
    return (
        access.visible_project_ids(user)
        .order_by()
        .union(taking_part.values("meeting__project_id"), owning.values("meeting__project_id"))
    )


def awaiting_my_review(user) -> QuerySet[Deliverable]:
    """Handed in and not yet reviewed, in the projects whose coordinator I speak for, each with
    what was handed in last."""
    return latest_submissions(
        labelled(
            Deliverable.objects.filter(
                status=Deliverable.Status.SUBMITTED,
                project__in=access.coordinated_project_ids(user),
            )
        ).order_by("due_date", "project__acronym", "code")
    )


def latest_request_for_changes(deliverable: Deliverable) -> Review | None:
    """What the coordinator last asked to change, while the deliverable waits for it."""
    if deliverable.status != Deliverable.Status.CHANGES_REQUESTED:
        return None
    return (
        deliverable.reviews.filter(decision=Review.Decision.CHANGES_REQUESTED)
        .select_related("reviewed_by__person")
        .order_by("-created_at", "-pk")
        .first()
    )


def review_thread(deliverable: Deliverable) -> list[Submission | Review]:
    """Every submission and every review of a deliverable, oldest first: the rounds as they
    happened. Two queries."""
    submissions = deliverable.submissions.select_related("submitted_by__person")
    reviews = deliverable.reviews.select_related("reviewed_by__person")
    return sorted([*submissions, *reviews], key=lambda entry: (entry.created_at, entry.pk))


def my_action_items(user) -> QuerySet[ActionItem]:
    return (
        ActionItem.objects.open()
        .filter(owner__user=user)
        .select_related("meeting__project")
        .order_by("due_date", "pk")
    )


def my_next_meetings(user, *, today: date) -> QuerySet[Meeting]:
    """Meetings ahead that I take part in or that belong to projects I am a contact in; an
    officer's My work shows their own, not the whole network's."""
    return (
        Meeting.objects.of_people(Person.objects.filter(user=user))
        .upcoming(today)
        .select_related("project", "host_organisation")
        .order_by("start_date", "pk")
    )


def upcoming_deadlines(*, today: date) -> QuerySet[Deliverable]:
    """Open deliverables of every project due in the next two weeks, today included."""
    soon = (today, today + timedelta(days=UPCOMING_DAYS))
    return labelled(Deliverable.objects.open().filter(due_date__range=soon)).order_by(
        "due_date", "project__acronym", "code"
    )


def late_deliverables(*, today: date) -> QuerySet[Deliverable]:
    return labelled(Deliverable.objects.late(today)).order_by(
        "due_date", "project__acronym", "code"
    )


def late_action_items(*, today: date) -> QuerySet[ActionItem]:
    return (
        ActionItem.objects.late(today)
        .filter(meeting__project__isnull=False)
        .select_related("meeting__project", "owner")
        .order_by("due_date", "pk")
    )


def project_partnerships(project) -> QuerySet:
    """The project's partners by country, the coordinator first, with their contacts."""
    return (
        project.partnerships.select_related("organisation")
        .prefetch_related("contacts")
        .order_by("organisation__country", "role", "organisation__name")
    )


def project_meetings(project) -> QuerySet[Meeting]:
    """The project's meetings, each with its action items (and their owners) in date order."""
    items = ActionItem.objects.select_related("owner").order_by("due_date", "pk")
    return project.meetings.select_related("host_organisation").prefetch_related(
        Prefetch("action_items", queryset=items)
    )


def meeting_participations(meeting) -> QuerySet[Participation]:
    return (
        Participation.objects.filter(meeting=meeting)
        .select_related("person__organisation")
        .order_by("person__last_name", "pk")
    )


def latest_status_changes(project_ids=None) -> QuerySet[ObjectiveStatusChange]:
    """Newest first, of the projects given by id, or of every project."""
    changes = ObjectiveStatusChange.objects.all()
    if project_ids is not None:
        changes = changes.filter(objective__project__in=project_ids)
    return changes.select_related("objective__project", "changed_by__person").order_by(
        "-changed_at", "-pk"
    )


def latest_submissions(deliverables: QuerySet[Deliverable]) -> QuerySet[Deliverable]:
    """Each deliverable with `newest_submissions` (the last handed in first) and who handed
    each in; one query more for any number of rows."""
    newest = Submission.objects.select_related("submitted_by__person").order_by(
        "-created_at", "-pk"
    )
    return deliverables.prefetch_related(
        Prefetch("submissions", queryset=newest, to_attr="newest_submissions")
    )

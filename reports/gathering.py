"""What a report pack says about a project and a period, gathered once as plain data for its two
writers (PDF and workbook): the work plan planned and done, the activities with their counts
and evidence, the budget earned and at risk, the dissemination and the results.

Gathered in the report's language (labels and the budget's reasons are words), in a fixed
number of queries whatever the project's size. Participants' names are read only for a reader
who may see them: a pack made for a partner holds the counts alone.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from common.labels import choice_label
from deliverables.models import Deliverable, Submission
from grants.earning import BudgetFigures, budget_figures
from meetings.evidence import evidence_missing, with_attendance
from meetings.models import Guest, Meeting, Participation
from meetings.participant_counts import ParticipantCounts, counts_of, with_participant_counts
from outreach.selectors import LogLine, audience_total, dissemination_log, results_of
from projects.models import Partnership, Project

from .periods import Period


@dataclass
class DeliverableLine:
    code: str
    title: str
    kind: str
    lead: str
    due_date: date
    status: str
    approved_on: date | None
    late: bool
    links: list[str]

    @property
    def done(self) -> bool:
        return self.approved_on is not None


@dataclass
class PackageSection:
    code: str
    title: str
    lead: str
    months: str  # M1–M24, or empty when not planned by month
    deliverables: list[DeliverableLine] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for line in self.deliverables if line.done)

    @property
    def late(self) -> int:
        return sum(1 for line in self.deliverables if line.late)


@dataclass
class Attendee:
    name: str
    organisation: str
    country: str


@dataclass
class ActivityLine:
    title: str
    kind: str
    start_date: date
    dates: str
    place: str
    country: str
    held: bool
    counts: ParticipantCounts
    evidence_missing: list[str]
    attendees: list[Attendee] | None  # None: not the reader's to see


@dataclass
class ResultLine:
    title: str
    description: str
    languages: str
    licence: str
    link: str
    partner: str
    deliverable: str


@dataclass
class ReportPack:
    project: Project
    coordinator: str
    partners: list[str]
    period: Period
    made_on: date
    with_personal_data: bool
    packages: list[PackageSection]
    activities: list[ActivityLine]
    budget: BudgetFigures | None
    dissemination: list[LogLine]
    results: list[ResultLine]

    @property
    def has_attendees(self) -> bool:
        return any(activity.attendees for activity in self.activities)

    @property
    def audience(self) -> int:
        return audience_total(self.dissemination)


def gather_report_pack(
    project: Project, *, period: Period, today: date, with_personal_data: bool
) -> ReportPack:
    """The pack's contents, in the active language."""
    partnerships = list(
        Partnership.objects.filter(project=project)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    coordinator = next(
        (p.organisation.name for p in partnerships if p.role == Partnership.Role.COORDINATOR), ""
    )
    return ReportPack(
        project=project,
        coordinator=coordinator,
        partners=[p.organisation.name for p in partnerships],
        period=period,
        made_on=today,
        with_personal_data=with_personal_data,
        packages=work_plan(project, period, today),
        activities=activities(project, period, today, with_personal_data),
        budget=budget_figures([project.pk], today=today).get(project.pk),
        dissemination=[line for line in dissemination_log(project) if line.date <= period.end],
        results=[result_line(result) for result in results_of(project.pk)],
    )


def work_plan(project: Project, period: Period, today: date) -> list[PackageSection]:
    """Each work package with the deliverables due in the period (or approved in it)."""
    sections = {
        package.pk: PackageSection(
            package.code, package.title, package.lead_organisation.name, package.period_label
        )
        for package in project.work_packages.select_related("lead_organisation", "project")
    }
    newest = Submission.objects.order_by("-created_at", "-pk").only(
        "deliverable_id", "link", "original_filename"
    )
    deliverables = (
        Deliverable.objects.filter(project=project)
        .select_related("lead_organisation")
        .prefetch_related(Prefetch("submissions", queryset=newest, to_attr="newest"))
        .order_by("work_package__position", "position", "due_date", "code")
    )
    loose = PackageSection("", _("Outside the work packages"), "", "")
    for deliverable in deliverables:
        approved_on = (
            timezone.localdate(deliverable.approved_at)
            if deliverable.status == Deliverable.Status.APPROVED and deliverable.approved_at
            else None
        )
        if deliverable.due_date > period.end and not (approved_on and approved_on <= period.end):
            continue
        section = sections.get(deliverable.work_package_id, loose)
        section.deliverables.append(
            DeliverableLine(
                code=deliverable.code,
                title=deliverable.title,
                kind=choice_label(deliverable, "kind"),
                lead=deliverable.lead_organisation.name,
                due_date=deliverable.due_date,
                status=choice_label(deliverable, "status"),
                approved_on=approved_on,
                late=deliverable.is_late(today),
                links=list(dict.fromkeys(s.link for s in deliverable.newest if s.link)),
            )
        )
    return [*sections.values(), loose] if loose.deliverables else list(sections.values())


def activities(
    project: Project, period: Period, today: date, with_personal_data: bool
) -> list[ActivityLine]:
    """The meetings and events that started in the period, with their counts and evidence."""
    meetings = list(
        with_attendance(
            with_participant_counts(
                Meeting.objects.filter(project=project, start_date__lte=period.end)
            )
        ).order_by("start_date", "title", "pk")
    )
    attendees = attendees_of(meetings) if with_personal_data else None
    return [
        ActivityLine(
            title=meeting.title,
            kind=choice_label(meeting, "kind"),
            start_date=meeting.start_date,
            dates=meeting.dates_text,
            place=meeting.place,
            country=meeting.country.name if meeting.country else "",
            held=meeting.end_date < today,
            counts=counts_of(meeting),
            evidence_missing=evidence_missing(meeting) if meeting.end_date < today else [],
            attendees=attendees[meeting.pk] if attendees is not None else None,
        )
        for meeting in meetings
    ]


def attendees_of(meetings: list[Meeting]) -> dict[int, list[Attendee]]:
    """Who came to each meeting: the partners' people, then the guests (an erased guest is
    counted, never named)."""
    found = defaultdict(list)
    ids = [meeting.pk for meeting in meetings]
    for participation in (
        Participation.objects.filter(meeting_id__in=ids, attended=True)
        .select_related("person__organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    ):
        organisation = participation.person.organisation
        found[participation.meeting_id].append(
            Attendee(participation.person.full_name, organisation.name, organisation.country.name)
        )
    for guest in Guest.objects.filter(meeting_id__in=ids, attended=True, erased=False).order_by(
        "name", "pk"
    ):
        found[guest.meeting_id].append(
            Attendee(guest.name, guest.organisation_name, guest.country.name)
        )
    return found


def result_line(result) -> ResultLine:
    deliverable = result.deliverable
    return ResultLine(
        title=result.title,
        description=result.description,
        languages=", ".join(result.language_names),
        licence=choice_label(result, "licence"),
        link=result.link,
        partner=result.organisation.name,
        deliverable=f"{deliverable.code} {deliverable.title}" if deliverable else "",
    )

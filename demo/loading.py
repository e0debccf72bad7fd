"""Load the demo world of `demo.data` so that loading it twice changes nothing."""

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from activity.models import Event
from common import clock
from common.content_languages import ORIGINAL, stored_name, translated_fields, version_name
from deliverables.models import Contribution, Deliverable, Review, Submission, WorkPackage
from meetings.models import ActionItem, Meeting
from outreach.models import DisseminationEntry, Result
from partners.models import Organisation, Person
from projects.models import Objective, ObjectiveStatusChange, Partnership, Project
from projects.roles import ensure_officer_group
from projects.services import advance_project_statuses, change_objective_status

from . import data
from .budgets import load_budgets
from .evidence import load_evidence


@dataclass
class DemoSummary:
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # login, name, organisation
    created: int = 0
    updated: int = 0


def upsert(
    model: type[models.Model],
    summary: DemoSummary,
    lookup: dict,
    values: dict,
    create_only: dict | None = None,
) -> tuple[models.Model, bool]:
    """Create the row, or bring an existing one in line with `values` (validated either way).

    `create_only` values are set on creation only: statuses and passwords belong to the people
    who use the demo after it is loaded.
    """
    # Titles and places are found and compared by their original, whatever the language.
    lookup = {stored_name(model, name): value for name, value in lookup.items()}
    values = {stored_name(model, name): value for name, value in values.items()}
    values.update(french_versions(model, {**lookup, **values}))
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values, **(create_only or {}))
        instance.full_clean()
        instance.save()
        summary.created += 1
        return instance, True
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.full_clean()
        instance.save()
        summary.updated += 1
    return instance, False


def french_versions(model, values: dict) -> dict:
    """The French versions (title_fr, city_fr…) of the originals among `values` that the
    network's French speakers wrote."""
    versions = {}
    for name in translated_fields(model):
        original = values.get(version_name(name, ORIGINAL))
        if original in data.FRENCH:
            versions[version_name(name, "fr")] = data.FRENCH[original]
    return versions


def _ensure_login(username: str, person: Person, password: str, summary: DemoSummary) -> None:
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = user_model(username=username, email=person.email)
        user.set_password(password)
        user.save()
        summary.created += 1
    if person.user_id != user.pk:
        summary.updated += person.user_id is not None
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    summary.logins.append((username, person.full_name, person.organisation.short_name))


def _email_for(first_name: str, last_name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", f"{first_name}.{last_name}")
    ascii_name = ascii_name.encode("ascii", "ignore").decode().lower().replace(" ", "")
    return f"{ascii_name}@example.org"


def _approval(status: str, due, people) -> dict:
    """An approved demo deliverable was approved by the coordinator on its due date."""
    if status != Deliverable.Status.APPROVED:
        return {}
    return {
        "approved_at": timezone.make_aware(datetime.combine(due, time(12, 0))),
        "approved_by": people["coordinator"].user,
    }


def _record_approval(deliverable: Deliverable, submission: Submission, summary) -> None:
    """The review round of an approved demo deliverable, as its approval recorded it."""
    if deliverable.reviews.exists():
        return
    review = Review.objects.create(
        deliverable=deliverable,
        submission=submission,
        decision=Review.Decision.APPROVED,
        reviewed_by=deliverable.approved_by,
    )
    Review.objects.filter(pk=review.pk).update(created_at=deliverable.approved_at)
    summary.created += 1


def _record_review(objective: Objective, status: str, review, people) -> None:
    """Give the objective the history of the meeting that reviewed it, as if logged then."""
    day, reviewer, comment = review
    change = change_objective_status(objective=objective, status=status, changed_by=None,
                                     comment=comment)  # fmt: skip
    # Recorded as it happened: by the meeting's reviewer, on that day.
    reviewed_at = timezone.make_aware(datetime.combine(day, time(17, 0)))
    ObjectiveStatusChange.objects.filter(pk=change.pk).update(
        changed_at=reviewed_at, changed_by=people[reviewer].user
    )
    # The project's activity says the same (the change just recorded is its newest event), and
    # the reviewer is not told of their own review.
    event = Event.objects.filter(project_id=objective.project_id).latest("pk")
    Event.objects.filter(pk=event.pk).update(created_at=reviewed_at, actor=people[reviewer].user)
    event.notifications.filter(recipient=people[reviewer].user).delete()


@transaction.atomic
def load_demo(*, password: str, today: date | None = None) -> DemoSummary:
    """Build the demo world; rows already there are kept and only corrected where they drift.

    Projects take the status their dates give on `today` (the clock's day by default)."""
    summary = DemoSummary()
    organisations = {
        name: upsert(
            Organisation,
            summary,
            {"name": name},
            {
                "short_name": short,
                "country": country,
                "city": city,
                "type": kind,
                "is_network_member": member,
            },
        )[0]
        for name, (short, country, city, kind, member) in data.ORGANISATIONS.items()
    }

    people = {}
    for login, (first, last, organisation, language, job) in data.PEOPLE.items():
        person, _ = upsert(
            Person,
            summary,
            {"email": _email_for(first, last)},
            {
                "first_name": first,
                "last_name": last,
                "organisation": organisations[organisation],
                "preferred_language": language,
                "job_title": job,
            },
        )
        _ensure_login(login, person, password, summary)
        people[login] = person

    officers = ensure_officer_group()
    for login in data.OFFICER_LOGINS:
        user = people[login].user
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.groups.add(officers)

    projects = {
        acronym: upsert(
            Project,
            summary,
            {"acronym": acronym},
            {**values, "officer": people[values["officer"]].user},
        )[0]
        for acronym, values in data.PROJECTS.items()
    }

    for acronym, members in data.PARTNERSHIPS.items():
        for organisation, role, contacts in members:
            partnership, _ = upsert(
                Partnership,
                summary,
                {"project": projects[acronym], "organisation": organisations[organisation]},
                {"role": role},
            )
            partnership.contacts.add(*(people[login] for login in contacts))

    for acronym, objectives in data.OBJECTIVES.items():
        for number, title, status, description in objectives:
            objective, created = upsert(
                Objective,
                summary,
                {"project": projects[acronym], "number": number},
                {"title": title, "description": description},
                create_only={"status": Objective.Status.IN_PROGRESS},
            )
            if created and status != objective.status:
                _record_review(objective, status, data.OBJECTIVE_REVIEWS[acronym], people)

    work_packages = {}
    for acronym, packages in data.WORK_PACKAGES.items():
        for code, title, lead in packages:
            work_packages[acronym, code], _ = upsert(
                WorkPackage,
                summary,
                {"project": projects[acronym], "code": code},
                {"title": title, "lead_organisation": organisations[lead]},
            )

    for acronym, deliverables in data.DELIVERABLES.items():
        for code, title, kind, package, lead, contributors, due, status, notes in deliverables:
            deliverable, _ = upsert(
                Deliverable,
                summary,
                {"project": projects[acronym], "code": code},
                {
                    "title": title,
                    "kind": kind,
                    "work_package": work_packages.get((acronym, package)),
                    "lead_organisation": organisations[lead],
                    "due_date": due,
                    "description": notes,
                },
                create_only={"status": status, **_approval(status, due, people)},
            )
            for contributor in contributors:
                upsert(
                    Contribution,
                    summary,
                    {"deliverable": deliverable, "organisation": organisations[contributor]},
                    {},
                )

    for acronym, code, link, login in data.SUBMISSIONS:
        deliverable = Deliverable.objects.get(project=projects[acronym], code=code)
        submission, created = upsert(
            Submission,
            summary,
            {"deliverable": deliverable},
            {"link": link, "submitted_by": people[login].user},
        )
        if created:  # handed in on the due date, in the demo's past rather than on loading day
            handed_in = timezone.make_aware(datetime.combine(deliverable.due_date, time(10, 0)))
            Submission.objects.filter(pk=submission.pk).update(created_at=handed_in)
        if deliverable.status == Deliverable.Status.APPROVED:
            _record_approval(deliverable, submission, summary)

    meetings = {}
    for (
        acronym,
        kind,
        title,
        start,
        end,
        host,
        venue,
        city,
        country,
        online,
        minutes,
    ) in data.MEETINGS:
        project = projects.get(acronym)
        meeting, _ = upsert(
            Meeting,
            summary,
            {"title": title, "start_date": start},
            {
                "project": project,
                "kind": kind,
                "end_date": end,
                "host_organisation": organisations.get(host),
                "venue": venue,
                "city": city,
                "country": country,
                "is_online": online,
                "minutes": minutes,
                "agenda": data.AGENDAS.get((title, start), ""),
            },
        )
        if project is not None:
            meeting.participants.add(*Person.objects.filter(partnerships__project=project))
        else:
            meeting.participants.add(people["officer"], people["coordinator"])
        meetings[title, start] = meeting

    for title, start, description, owner, due, status in data.ACTION_ITEMS:
        upsert(
            ActionItem,
            summary,
            {"meeting": meetings[title, start], "description": description},
            {"owner": people[owner], "due_date": due},
            create_only={"status": status},
        )
    summary.updated += load_evidence(meetings, people)
    _load_outreach(projects, organisations, summary)
    summary.updated += load_budgets(officer=people["officer"].user)
    advance_project_statuses(today=today or clock.today())
    return summary


def _load_outreach(projects, organisations, summary: DemoSummary) -> None:
    for acronym, entries in data.DISSEMINATION.items():
        for title, day, place, channel, audience, link, partner, notes in entries:
            upsert(
                DisseminationEntry,
                summary,
                {"project": projects[acronym], "title": title},
                {
                    "date": day,
                    "place": place,
                    "channel": channel,
                    "audience": audience,
                    "link": link,
                    "organisation": organisations[partner],
                    "notes": notes,
                },
            )
    for acronym, results in data.RESULTS.items():
        for title, description, languages, licence, link, code, partner in results:
            upsert(
                Result,
                summary,
                {"project": projects[acronym], "title": title},
                {
                    "description": description,
                    "languages": languages,
                    "licence": licence,
                    "link": link,
                    "deliverable": Deliverable.objects.get(project=projects[acronym], code=code),
                    "organisation": organisations[partner],
                },
            )

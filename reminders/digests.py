"""The digest e-mail: a person's reminders of one run, by project and date, in their language."""

import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common import clock
from common.content_languages import version_reader
from common.labels import list_text
from common.languages import mail_language
from common.mailing import subject_line
from common.money import euros
from deliverables.models import Deliverable
from grants.earning import budget_figures
from meetings.models import ActionItem, Meeting
from partners.models import Person
from projects.models import Project

from .calendar import calendar_of
from .claims import MOVED, budget_window
from .models import Reminder
from .rows import DigestRow, RecipientRow, ReminderRow, action_item_rows, deliverable_rows
from .shapes import fill_pair, shape_pair

UNSUBSCRIBE_SALT = "reminders.unsubscribe"


@dataclass
class Line:
    """One reminder as the e-mail shows it."""

    reminder: Reminder | ReminderRow
    label: str
    when: date
    link: str
    meeting: Meeting | None = None
    budget: bool = False

    def days_left(self, day: date) -> int:
        """Days from `day`, the run's, to the line's date."""
        return (self.when - day).days

    def when_text(self, language: str) -> str:
        """The date, or a meeting's dates as every reader writes them (the month alone while
        they are to be confirmed); `language` is the active one."""
        if self.meeting:
            return self.meeting.dates_text
        return date_text(language, self.when)

    def words(self, language: str, day: date) -> str:
        """'in 7 days', 'today', '3 days late' from `day` in `language`, the active one; a
        meeting moved or whose days are not fixed yet says so instead."""
        if self.reminder.window == MOVED:
            return _("moved: the dates have changed")
        if self.meeting and not self.meeting.dates_confirmed:
            return _("the month is planned, the days are not")
        return days_left_words(language, self.days_left(day))


@functools.lru_cache(maxsize=2048)
def days_left_words(language: str, days: int) -> str:
    """'in 7 days', 'today', '3 days late' in `language` (the active one: the key of the cache)."""
    if days > 0:
        return ngettext("in %(days)d day", "in %(days)d days", days) % {"days": days}
    if days == 0:
        return _("today")
    return ngettext("%(days)d day late", "%(days)d days late", -days) % {"days": -days}


@functools.lru_cache(maxsize=4096)
def date_text(language: str, day: date) -> str:
    """A date as the `date` filter writes it in `language` (the active one: the key)."""
    return date_format(day)


@dataclass
class ProjectSection:
    name: str
    lines: list[Line] = field(default_factory=list)


def language_of(person: Person | RecipientRow) -> str:
    return mail_language(person.preferred_language)


def unsubscribe_url(person: Person | RecipientRow) -> str:
    token = unsubscribe_signer(settings.SECRET_KEY).sign_object({"person": person.pk})
    return page_link("reminders:unsubscribe", token)


@functools.lru_cache(maxsize=1)
def unsubscribe_signer(secret_key: str) -> signing.TimestampSigner:
    """The signer of signing.dumps for unsubscribe tokens (signing.loads reads them), made once
    per key rather than once per mail."""
    return signing.TimestampSigner(key=secret_key, salt=UNSUBSCRIBE_SALT)


def page_link(name: str, pk: int | str | None = None) -> str:
    """The address of a page of the site by URL name, with the object's id (or token) if it
    takes one."""
    if pk is None:
        return settings.SITE_URL + _url_parts(name)[0]
    prefix, suffix = _url_parts(name)
    return f"{settings.SITE_URL}{prefix}{pk}{suffix}"


@functools.cache
def _url_parts(name: str) -> tuple[str, str]:
    # Reversing a URL costs more than rendering the line that shows it: reverse once per page.
    try:
        url = reverse(name, args=[0])
    except NoReverseMatch:
        return reverse(name), ""
    prefix, suffix = url.rsplit("/0", 1)
    return prefix + "/", suffix


def link_for(reminder: Reminder | ReminderRow, item) -> str:
    """A page the recipient can open and act on: every link leads to the tracker's own pages,
    which each of the reminder's audiences may see (never the admin)."""
    kinds, roles = Reminder.Kind, Reminder.Role
    if reminder.kind == kinds.DELIVERABLE:
        # Its page, which its lead's contacts, the coordinator and the officer may all open and
        # hand it in from.
        return page_link("deliverable-detail", item.pk)
    if reminder.kind == kinds.ACTION_ITEM:
        if reminder.role == roles.OWNER:
            return page_link("my-work")  # where the owner marks it done
        return page_link("project-detail", item.project_id)  # its meeting's
    if reminder.kind == kinds.MEETING:
        return page_link("meeting-ics", item.pk)
    return page_link("project-detail", reminder.item_id)  # a report: the item is the project


MEETING_COLUMNS = (
    "title", "start_date", "end_date", "dates_confirmed", "updated_at", "is_online", "venue",
    "city", "project__acronym",
)  # fmt: skip


class Items:
    """The deliverables, action items, meetings and projects that a set of reminders name,
    loaded with one query per kind: deliverables and action items as rows (reminders/rows.py),
    meetings as instances, which the calendar file reads."""

    def __init__(self, reminders, *, day: date | None = None):
        self.day = day
        self.budget_ids = {r.item_id for r in reminders if r.kind == Reminder.Kind.BUDGET_AT_RISK}
        self._budgets = None
        ids = defaultdict(set)
        for reminder in reminders:
            ids[reminder.kind].add(reminder.item_id)
        kinds = Reminder.Kind
        # Only the columns a line, its link and the calendar file show.
        self.by_kind = {
            kinds.DELIVERABLE: deliverable_rows(
                Deliverable.objects.filter(pk__any=ids[kinds.DELIVERABLE])
            ),
            kinds.ACTION_ITEM: action_item_rows(
                ActionItem.objects.filter(pk__any=ids[kinds.ACTION_ITEM])
            ),
            kinds.MEETING: Meeting.objects.select_related("project")
            .only(*MEETING_COLUMNS)
            .in_bulk(ids[kinds.MEETING]),
        }
        self.acronyms = dict(
            Project.objects.filter(pk__in={r.project_id for r in reminders} - {None})
            .values_list("pk", "acronym")
            .order_by()
        )
        # A line's text, kept for everyone of the same language who receives the same line.
        self.texts: dict[tuple, tuple[str, str]] = {}
        self._title_readers: dict[tuple, Callable] = {}

    def title(self, model, versions: dict, language: str) -> str:
        """A title as `model`'s field reads it in `language`, from a row's versions."""
        read = self._title_readers.get((model, language))
        if read is None:
            with translation.override(language):
                read = version_reader(model, "title", lookup=dict.get)
            self._title_readers[model, language] = read
        return read(versions)

    def line(self, reminder: Reminder | ReminderRow, language: str | None = None) -> Line | None:
        """The reminder's line in `language`, the active one (found when not given)."""
        language = language or translation.get_language()
        kinds = Reminder.Kind
        if reminder.kind == kinds.BUDGET_AT_RISK:
            return self.budget_line(reminder, language)
        if reminder.kind in (kinds.INTERIM_REPORT, kinds.FINAL_REPORT):
            if reminder.item_id not in self.acronyms:
                return None
            label = (
                _("Interim report to the national agency")
                if reminder.kind == kinds.INTERIM_REPORT
                else _("Final report to the national agency")
            )
            return Line(reminder, label, reminder.item_date, link_for(reminder, None))
        item = self.by_kind[reminder.kind].get(reminder.item_id)
        if item is None:
            return None  # deleted since the reminder was recorded
        if reminder.kind == kinds.DELIVERABLE:
            label = f"{item.code} – {self.title(Deliverable, item.titles, language)}"
            return Line(reminder, label, item.due_date, link_for(reminder, item))
        if reminder.kind == kinds.ACTION_ITEM:
            label = _("%(action)s (from the meeting “%(meeting)s”)") % {
                "action": item.description,
                "meeting": self.title(Meeting, item.titles, language),
            }
            return Line(reminder, label, item.due_date, link_for(reminder, item))
        if reminder.item_date != item.start_date:
            return None  # moved since: the old date's reminder is void (claim_meeting_moves)
        label = f"{item.title}, {item.place}" if item.place else item.title
        return Line(reminder, label, item.start_date, link_for(reminder, item), meeting=item)

    def budget_line(self, reminder: Reminder | ReminderRow, language: str) -> Line | None:
        """A budget line still at risk since the claimed day, with its amount and why."""
        if self._budgets is None:
            self._budgets = budget_figures(self.budget_ids, today=self.day or clock.today())
        figures = self._budgets.get(reminder.item_id)
        line = next(
            (
                line
                for line in (figures.lines_at_risk() if figures else [])
                if budget_window(line) == reminder.window
                and line.at_risk_since == reminder.item_date
            ),
            None,
        )
        if line is None:
            return None  # no longer at risk, or at risk since another day: told then
        name = f"{line.key} – {line.label}" if line.work_package_id else line.label
        label = _("%(line)s: %(amount)s at risk since %(day)s (%(why)s)") % {
            "line": name,
            "amount": euros(line.at_risk),
            "day": date_text(language, line.at_risk_since),
            "why": list_text(line.reasons),
        }
        link = page_link("project-budget", reminder.item_id)
        return Line(reminder, label, line.at_risk_since, link, budget=True)


def describe(reminder: Reminder | ReminderRow, items: Items) -> str:
    """One reminder as a person names it, for the command's report: project, item, date."""
    line = items.line(reminder)
    label = line.label if line else f"{Reminder.Kind(reminder.kind).label} (deleted since)"
    return (
        f"{project_name(reminder, items)} · {label}: {reminder.item_date:%Y-%m-%d} "
        f"({reminder.window}, {reminder.role})"
    )


def project_name(reminder: Reminder | ReminderRow, items: Items) -> str:
    acronym = items.acronyms.get(reminder.project_id)
    return _("Network") if acronym is None else acronym


def sections_of(reminders: list[ReminderRow], items: Items, language: str) -> list[ProjectSection]:
    """The lines of these reminders by project, in `language`, the active one."""
    sections: dict[str, ProjectSection] = {}
    for reminder in sorted(reminders, key=lambda r: (r.item_date, r.kind, r.item_id)):
        line = items.line(reminder, language)
        if line is None:
            continue
        name = project_name(reminder, items)
        sections.setdefault(name, ProjectSection(name)).lines.append(line)
    network = _("Network")
    return sorted(sections.values(), key=lambda s: (s.name == network, s.name))


def line_texts(line: Line, language: str, items: Items, day: date) -> tuple[str, str]:
    """A line's text and HTML on the run's `day`, kept per language, item and role for
    everyone receiving it."""
    reminder = line.reminder
    days_left = line.days_left(day)
    key = (
        language, reminder.kind, reminder.item_id, reminder.window, line.when, reminder.role,
        days_left,
    )  # fmt: skip
    texts = items.texts.get(key)
    if texts is None:
        fixed = (("role", reminder.role), ("late", days_left < 0), ("budget", line.budget))
        shapes = shape_pair("digest_line", language, fixed, ("label", "when", "words", "link"))
        values = {
            "label": line.label,
            "when": line.when_text(language),
            "words": line.words(language, day),
            "link": line.link,
        }
        texts = items.texts[key] = fill_pair(shapes, values, {})
    return texts


def digest_texts(context: dict, language: str, items: Items) -> tuple[str, str]:
    """The digest's text and HTML bodies, from its templates' shapes."""
    sections = []
    for section in context["sections"]:
        lines = [line_texts(line, language, items, context["day"]) for line in section.lines]
        shapes = shape_pair("digest_section", language, (), ("name", "lines"))
        joined = ("".join(t for t, _ in lines), "".join(h for _, h in lines))
        sections.append(fill_pair(shapes, {"name": section.name}, {"lines": joined}))
    fixed = (
        ("language", language),
        ("day", context["day"]),
        ("count", context["count"]),
        ("has_meetings", context["has_meetings"]),
    )
    shapes = shape_pair("digest", language, fixed, ("name", "sections", "unsubscribe_url"))
    values = {"name": context["person"].first_name, "unsubscribe_url": context["unsubscribe_url"]}
    joined = ("".join(t for t, _ in sections), "".join(h for _, h in sections))
    return fill_pair(shapes, values, {"sections": joined})


def build_message(digest: DigestRow, reminders: list[ReminderRow], items: Items):
    """The e-mail for a digest, or None when none of its items exist any more."""
    person = digest.recipient
    language = language_of(person)
    with translation.override(language):
        sections = sections_of(reminders, items, language)
        count = sum(len(section.lines) for section in sections)
        if not count:
            return None
        meetings = [line.meeting for s in sections for line in s.lines if line.meeting]
        context = {
            "has_meetings": bool(meetings),
            "person": person,
            "day": digest.day,
            "sections": sections,
            "count": count,
            "unsubscribe_url": unsubscribe_url(person),
        }
        body, html = digest_texts(context, language, items)
        subject = ngettext(
            "Reminder: %(count)d deadline or meeting",
            "Reminders: %(count)d deadlines and meetings",
            count,
        ) % {"count": count}
        message = EmailMultiAlternatives(
            subject=subject_line(subject),
            body=body,
            to=[person.email],
            headers={
                "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
                # The same id on every attempt: a digest sent again after a stopped worker
                # (recover_stale_digests) is recognised as one message by most mail services.
                "Message-ID": f"<digest-{digest.pk}@{settings.CALENDAR_UID_DOMAIN}>",
            },
        )
        message.attach_alternative(html, "text/html")
    if meetings:
        message.attach("meetings.ics", calendar_of(meetings), "text/calendar; charset=utf-8")
    return message

"""What the data lacked for an issue: the editor's list of what to fix or translate (in the
admin, the API or the pages) before publishing.

Each gap is kept as a note (a list of plain values) and put into words when read, so every
reader sees the list in their own language.
"""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.content_languages import ORIGINAL, has_version, translated_fields, version_name
from common.labels import day_text
from newsletters.selectors import NO_CITY, NO_CONTACT, NO_VERSION, NewsletterFacts

KINDS = {
    "project": gettext_lazy("Project"),
    "objective": gettext_lazy("Objective"),
    "deliverable": gettext_lazy("Deliverable"),
    "meeting": gettext_lazy("Meeting"),
}
FIELDS = {
    "title": gettext_lazy("title"),
    "venue": gettext_lazy("venue"),
    "city": gettext_lazy("city"),
}


def printed_rows(facts: NewsletterFacts) -> list:
    """Every project, meeting, objective and deliverable the issue may name, once each, in
    the order the issue names them."""
    rows = [*facts.internal, *facts.other]
    for launch in facts.launches:
        rows += [launch.project, launch.kick_off]
    for item in facts.progress:
        rows += [item.project, *(held.meeting for held in item.held)]
        rows += [*item.achieved, *item.almost, *item.remaining]
        rows += [*item.delivered, *item.late, *item.upcoming, *item.next_events]
    seen, unique = set(), []
    for row in rows:
        if row is not None and (type(row), row.pk) not in seen:
            seen.add((type(row), row.pk))
            unique.append(row)
    return unique


def missing_versions(facts: NewsletterFacts, language: str) -> list[list[str]]:
    """A note per title or place printed in the original for want of a version."""
    if language == ORIGINAL:
        return []
    notes = []
    for row in printed_rows(facts):
        for field in translated_fields(type(row)):
            original = getattr(row, version_name(field, ORIGINAL))
            if original and not has_version(row, field, language):
                notes.append(
                    [NO_VERSION, type(row)._meta.model_name, row_name(row), field, language]
                )
    return notes


def row_name(row) -> str:
    """A row by its own title as entered ("Fifth coordination meeting"), never by a place or
    another of its fields."""
    if "title" in translated_fields(type(row)):
        return getattr(row, version_name("title", ORIGINAL))
    return str(row)


def gap_notes(facts: NewsletterFacts, language: str) -> list[list[str]]:
    return [*facts.gaps, *missing_versions(facts, language)]


def describe_gap(note: list[str]) -> str:
    """A note in the active language."""
    kind, *values = note
    if kind == NO_CONTACT:
        return _("%(project)s has no contact person at its coordinator.") % {"project": values[0]}
    if kind == NO_CITY:
        title, day = values
        return _("%(meeting)s (%(day)s) has no city.") % {
            "meeting": title,
            "day": day_text(date.fromisoformat(day)),
        }
    if kind != NO_VERSION:
        raise ValueError(f"A note of an unknown kind: {note!r}")
    model, original, field, language = values
    return _(
        "%(kind)s “%(original)s”, %(field)s: no version in the issue's language "
        "(%(column)s); the issue prints the original."
    ) % {
        "kind": KINDS.get(model, model),
        "original": original,
        "field": FIELDS.get(field, field),
        "column": version_name(field, language),
    }


def describe_gaps(notes: list[list[str]]) -> list[str]:
    return [describe_gap(note) for note in notes]

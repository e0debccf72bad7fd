"""The titles and places an issue prints that have no version in its language: the editor's
list of what to translate (in the admin, the API or the pages) before publishing."""

from common.content_languages import ORIGINAL, has_version, translated_fields, version_name
from common.languages import SPOKEN_LANGUAGES
from newsletters.selectors import NewsletterFacts


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


def missing_versions(facts: NewsletterFacts, language: str) -> list[str]:
    """One line per title or place printed in the original for want of a version."""
    if language == ORIGINAL:
        return []
    name = SPOKEN_LANGUAGES.get(language, language)
    gaps = []
    for row in printed_rows(facts):
        for field in translated_fields(type(row)):
            original = getattr(row, version_name(field, ORIGINAL))
            if original and not has_version(row, field, language):
                gaps.append(
                    f"{type(row)._meta.verbose_name.capitalize()} “{original}”: no {field} "
                    f"in {name} ({field}_{language}); the issue prints the original."
                )
    return gaps

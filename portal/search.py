"""What the search finds: the rows of each kind the reader may see whose fields hold every word
typed, case and accents ignored (common.text.words_query).

Who sees what is projects.access's, as everywhere: a row of a project the reader is not in is
never found. People are found by their e-mail address too, by whoever may see them, as the
API's people list does; only files of people (exports) are kept from non-officers.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet, Window

from common.content_languages import all_version_names
from common.text import words_query
from deliverables.models import Deliverable
from meetings.models import Meeting
from projects import access
from projects.models import Partnership

# Longer than the names people type (a whole organisation name is rarely 60); a bound on the
# words, hence on the size of the query.
MAX_LENGTH = 100
SHOWN_PER_GROUP = 5

# A title or a place is found in the original and in every version, whatever the reader's
# language: someone reading French finds "Brussels" as well as "Bruxelles".
SEARCHED_FIELDS = {
    "projects": ["acronym", *all_version_names("title"), "reference_number"],
    "deliverables": ["code", *all_version_names("title")],
    "meetings": [
        *all_version_names("title"),
        *all_version_names("city"),
        *all_version_names("venue"),
    ],
    "organisations": ["name", "short_name", "city", "oid", "pic"],
    "people": ["first_name", "last_name", "email"],
}
GROUPS = list(SEARCHED_FIELDS)


@dataclass
class Found:
    group: str
    rows: list
    total: int

    @property
    def has_more(self) -> bool:
        return self.total > len(self.rows)


def visible_partnerships(user) -> QuerySet[Partnership]:
    """The partnerships of the projects the user may read, with their project, for the links
    under an organisation or a person."""
    return (
        Partnership.objects.filter(project__in=access.visible_project_ids(user))
        .select_related("project")
        .order_by("project__acronym", "pk")
    )


def searchable(user, group: str) -> QuerySet:
    """Every row of the group the user may see, in the order the results are listed."""
    if group == "projects":
        return access.visible_projects(user).order_by("-start_date", "acronym", "pk")
    if group == "deliverables":
        return (
            Deliverable.objects.filter(project__in=access.visible_project_ids(user))
            .select_related("project")
            .order_by("project__acronym", "due_date", "code", "pk")
        )
    in_my_projects = Prefetch(
        "partnerships", queryset=visible_partnerships(user), to_attr="visible_partnerships"
    )
    if group == "meetings":
        # A participant may see a meeting of a project they are no contact of (Meeting's rule);
        # a search lists only what leads to a page they may open.
        return (
            Meeting.objects.visible_to(user)
            .filter(Q(project__isnull=True) | Q(project__in=access.visible_project_ids(user)))
            .select_related("project")
            .order_by("-start_date", "title", "pk")
        )
    if group == "organisations":
        return (
            access.visible_organisations(user)
            .prefetch_related(in_my_projects)
            .order_by("name", "pk")
        )
    if group == "people":
        return (
            access.visible_people(user)
            .select_related("organisation")
            .prefetch_related(in_my_projects)
            .order_by("last_name", "first_name", "pk")
        )
    raise ValueError(f"No search group {group!r}")


def matching(user, group: str, typed: str) -> QuerySet:
    """The rows of the group that the user may see and that hold every word typed."""
    return searchable(user, group).filter(words_query(typed, SEARCHED_FIELDS[group]))


def search(user, typed: str) -> list[Found]:
    """The first rows of every group and how many there are: one query a group, a prefetch
    more for organisations and people, whatever the number of rows."""
    found = []
    for group in GROUPS:
        rows = list(
            matching(user, group, typed).annotate(matches=Window(Count("*")))[:SHOWN_PER_GROUP]
        )
        found.append(Found(group, rows, rows[0].matches if rows else 0))
    return found

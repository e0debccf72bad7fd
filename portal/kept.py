"""Pages whose content is drawn once and kept between visits (common.page_cache).

The view asks who may see the page on every visit; only the content, drawn by its own template
into the `portal/kept_page.html` frame, is kept. Its key holds the revisions it was drawn from
(`project_stamp`, `network_stamp`, read on every visit) and whether the reader is an officer,
whom every page shows more. A table that the query string filters or pages is a `Section`, kept
apart: the rest of its page is then kept whatever the query.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet, Subquery
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe

from common import page_cache
from projects import access
from projects.models import NetworkRevision, Project

PROJECTS = Project._meta.db_table
NETWORK = NetworkRevision._meta.db_table


@dataclass(frozen=True)
class Section:
    """A part of a kept page that reads the query string (a filtered, paged table): kept apart
    from the rest, which is then kept whatever the query, so that a filtered or paged visit
    draws this part alone. The page's template writes `{{ <name> }}` where it goes."""

    name: str
    template: str
    context: Callable[[], dict]


def render_kept(
    request,
    template: str,
    stamp: Callable[[], tuple],
    context: Callable[[], dict],
    *,
    title: str,
    section: Section | None = None,
) -> HttpResponse:
    """The page of `template` drawn with `context()`, or as kept since it was last drawn with
    the same `stamp()`, everything else the content depends on beyond the reader, language,
    day and address (which common.page_cache adds)."""
    inputs = VisitInputs(stamp, officer=access.is_officer(request.user))
    holes = {section.name: mark_safe(section_hole())} if section else {}

    def drawing(name: str, values: Callable[[], dict], drawn_for) -> Callable[[str], str]:
        return lambda csrf_token: render_to_string(
            name, {**values(), "csrf_token": csrf_token, **holes}, drawn_for
        )

    content = page_cache.kept(
        request,
        inputs.of(template),
        # The rest of a page with a section is drawn without the query, so that it cannot
        # read what its key does not name.
        drawing(template, context, without_query(request) if section else request),
        reads_query=section is None,
    )
    if section:
        part = page_cache.kept(
            request,
            inputs.of(section.template),
            drawing(section.template, section.context, request),
        )
        content = mark_safe(fill_hole(content, part, template, section))
    return render(request, "portal/kept_page.html", {"title": title, "content": content})


class VisitInputs:
    """The inputs of the keys of one visit's kept parts: the part, whether the reader is an
    officer, and the stamp. The stamp is read once for the visit, by the first part that asks;
    a part that asks again, after its drawing, reads it anew (page_cache.kept keeps the drawing
    only if it did not change meanwhile). A part drawn without being kept never asks, so a
    visit kept nowhere reads no stamp."""

    def __init__(self, stamp: Callable[[], tuple], *, officer: bool):
        self.stamp = stamp
        self.officer = officer
        self.visit_stamp: tuple | None = None
        self.asked: set[str] = set()

    def of(self, part: str) -> Callable[[], tuple]:
        return partial(self.read, part)

    def read(self, part: str) -> tuple:
        if part in self.asked:
            return (part, self.officer, *self.stamp())
        self.asked.add(part)
        if self.visit_stamp is None:
            self.visit_stamp = self.stamp()
        return (part, self.officer, *self.visit_stamp)


def section_hole() -> str:
    """Where a section goes in the rest of its page: a comment derived from the secret key, so
    that no text a user writes can be it (or take the section's place), and the same in every
    process of a deployment, which reads what the others kept."""
    return f"<!-- section {salted_hmac('portal.kept.section', 'hole').hexdigest()} -->"


def fill_hole(content: str, part: str, template: str, section: Section) -> str:
    """The section in its place; both were drawn by templates, which escaped what they had to."""
    hole = section_hole()
    if content.count(hole) != 1:
        raise ImproperlyConfigured(f"{template} must write {{{{ {section.name} }}}} once.")
    return content.replace(hole, part)


def without_query(request) -> HttpRequest:
    """The request as if its address carried no query string."""
    bare = copy.copy(request)
    bare.GET = QueryDict()
    bare.META = {**request.META, "QUERY_STRING": ""}
    return bare


def project_stamp(project_id: int) -> tuple:
    """The revisions of one project and of the network, in one query."""
    network = NetworkRevision.objects.filter(pk=1).values("revision")
    revision, network_revision = (
        Project.objects.filter(pk=project_id).values_list("revision", Subquery(network)).get()
    )
    if network_revision is None:  # the network's row was taken away
        network_revision = NetworkRevision.current()
    return revision, network_revision


def network_stamp(projects: QuerySet | None = None) -> tuple:
    """The network's revision and a fingerprint of the revisions of `projects` (a subquery of
    their ids; every project when None): it changes when one of them changes, is added or
    removed.

    The projects' ids and revisions are joined into one text by the database, in one query
    with the network's revision: read as 1,000 rows, they cost a visit to My work or the
    dashboard as much as the rest of its key. PostgreSQL answers the text's md5 (any change
    of the text changes it; the key is no secret), SQLite the text itself."""
    pairs = f"{PROJECTS}.id || ':' || {PROJECTS}.revision"
    if connection.vendor == "postgresql":
        fingerprint = f"md5(string_agg({pairs}, ',' ORDER BY {PROJECTS}.id))"
    else:
        # Joined in the order the rows come, the ids' in practice: another order would only
        # have the page drawn again, never a changed project's page kept.
        fingerprint = f"group_concat({pairs}, ',')"
    rows = Project.objects.all() if projects is None else Project.objects.filter(pk__in=projects)
    rows = rows.order_by("id").values("id", "revision")
    rows_sql, params = rows.query.get_compiler(connection=connection).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT revision FROM {NETWORK} WHERE id = 1), {fingerprint}"
            f" FROM ({rows_sql}) AS {PROJECTS}",
            params,
        )
        network_revision, fingerprint = cursor.fetchone()
    if network_revision is None:  # the network's row was taken away
        network_revision = NetworkRevision.current()
    return network_revision, page_cache.digest(fingerprint or "")

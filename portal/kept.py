"""Pages whose content is drawn once and kept between visits (common.page_cache).

The view asks who may see the page on every visit; only the content, drawn by its own template
into the `portal/kept_page.html` frame, is kept.
"""

from collections.abc import Callable

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from common import page_cache


def render_kept(
    request, template: str, depends_on: tuple, context: Callable[[], dict], *, title: str
) -> HttpResponse:
    """The page of `template` drawn with `context()`, or as kept since it was last drawn for
    the same `depends_on` (all the content depends on beyond the reader, language, day and
    address, which common.page_cache adds)."""
    content = page_cache.kept(
        request,
        (template, *depends_on),
        lambda csrf_token: render_to_string(
            template, {**context(), "csrf_token": csrf_token}, request
        ),
    )
    return render(request, "portal/kept_page.html", {"title": title, "content": content})


def revisions(projects) -> str:
    """One stamp for a set of projects (a queryset): it changes when any of them changes (its
    revision, projects/db_rules.py), joins or leaves the set."""
    return page_cache.digest(list(projects.order_by("pk").values_list("pk", "revision")))

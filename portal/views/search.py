"""One box to find any project, deliverable, meeting, organisation or person one may see."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from ..forms.search import GROUP_TITLES, SearchForm
from ..search import matching, search

# A group listed whole is paged like the project page's deliverables.
RESULTS_PER_PAGE = 50


@login_required
def search_page(request):
    """Every group's first results with their counts, or one group's results page by page."""
    form = SearchForm(request.GET)
    context = {"form": form}
    if not form.is_valid():
        return render(request, "portal/search.html", context, status=400)
    typed, group = form.cleaned_data["q"], form.cleaned_data["group"]
    if not typed:
        # The page opened bare invites a search; a box sent empty says what to type.
        context["nothing_typed"] = "q" in request.GET
    elif group:
        results = matching(request.user, group, typed)
        context.update(
            group=group,
            group_title=GROUP_TITLES[group],
            page=Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page")),
        )
    else:
        found = search(request.user, typed)
        context.update(
            found=[(GROUP_TITLES[result.group], result) for result in found],
            found_any=any(result.total for result in found),
        )
    return render(request, "portal/search.html", context)

"""Which organisations an officer means: found as typed, and told apart from look-alikes.

The pages use both; a spreadsheet import of partners is meant to ask the same questions.
"""

from django.db.models import Q, QuerySet

from common.text import fold, search_words, words_query

from .models import Organisation

SEARCHED_FIELDS = ["name", "short_name", "city", "oid", "pic"]


def find_organisations(typed: str) -> QuerySet[Organisation]:
    """Organisations whose name, short name, city, OID or PIC hold every word typed, case and
    accents ignored: "cite des metiers paris" finds "Cité des métiers de Paris"."""
    # Only accents or spaces typed: no word to look for, rather than every organisation.
    if not search_words(typed):
        return Organisation.objects.none()
    return Organisation.objects.filter(words_query(typed, SEARCHED_FIELDS)).order_by("name", "pk")


def similar_organisations(
    *, name: str, country: str, oid: str = "", pic: str = "", exclude_pk: int | None = None
) -> QuerySet[Organisation]:
    """Organisations that look like the one described: the same name (case, accents and spaces
    aside) in the same country, or the same Erasmus+ OID or PIC."""
    alike = Q(pk__in=[])
    country = country.strip().upper()  # stored as ISO codes are written: DE, not de
    if name.strip() and country:
        alike |= Q(name__fold=fold(name), country=country)
    if oid.strip():
        alike |= Q(oid=oid.strip())
    if pic.strip():
        alike |= Q(pic=pic.strip())
    found = Organisation.objects.filter(alike)
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.order_by("name", "pk")

"""Case- and accent-blind matching, the same in Python and in each database."""

import pytest
from django.db.models import Value

from common.text import FOLDED_RANGES, MAX_WORDS, Folded, fold, search_words, words_query
from partners.models import Organisation


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("cite des metiers paris", "Cité des Métiers de Paris"),
        ("koln", "Köln"),
        ("citta", "Città"),
        ("fundacion", "Fundación"),
        ("sisli", "Şişli"),
        ("timisoara", "Timișoara"),
        ("elektrenai", "Elektrėnai"),
        ("lodz", "Łódź"),
        ("strasse", "Straße"),
        ("αθηνα", "ΑΘΉΝΑ"),
        ("viet nam", "Việt Nam"),
    ],
)
def test_fold_ignores_case_and_accents(typed, stored):
    assert all(word in fold(stored) for word in fold(typed).split())


@pytest.mark.django_db
def test_the_database_folds_every_character_as_python_does():
    characters = "".join(
        chr(code) for first, last in FOLDED_RANGES for code in range(first, last + 1)
    )
    spaces = " \t\n\u00a0\u2003\u3000 "
    words = f"Cité des  MÉTIERS,{spaces}Köln, Straße, Łódź, Timișoara, Việt Nam "
    text = spaces + words + characters
    Organisation.objects.create(name="X", short_name="X", country="FR", city="Köln")
    row = Organisation.objects.annotate(key=Folded(Value(text))).values_list("key", flat=True)
    assert row.get() == fold(text)


def test_fold_collapses_runs_of_spaces():
    assert fold(" Cité des \u00a0 métiers\tde\n Paris ") == "cite des metiers de paris"


@pytest.mark.django_db
def test_a_search_finds_a_name_typed_without_accents():
    Organisation.objects.create(name="Cité des métiers de Paris", short_name="CdM", country="FR")
    Organisation.objects.create(name="Stadt Köln", short_name="Köln", country="DE")
    found = Organisation.objects.filter(name__fold__contains=fold("KOLN"))
    assert [o.short_name for o in found] == ["Köln"]
    found = Organisation.objects.filter(words_query("cite des metiers paris", ["name", "city"]))
    assert [o.short_name for o in found] == ["CdM"]


@pytest.mark.django_db
def test_a_search_looks_for_the_first_words_only():
    Organisation.objects.create(name="Cité des métiers de Paris", short_name="CdM", country="FR")
    typed = "cite des metiers " + " ".join(["paris"] * (MAX_WORDS - 3)) + " zzqxy"
    assert len(search_words(typed)) == MAX_WORDS
    found = Organisation.objects.filter(words_query(typed, ["name"]))
    assert [o.short_name for o in found] == ["CdM"]

"""Text compared as people type it: case and accents ignored.

`fold()` is the one definition. Queries use the database function `tracker_fold`, which a
migration derives from `fold()` on PostgreSQL and the app registers from it on SQLite, so
"cite des metiers" finds "Cité des métiers" in Python and in SQL alike.
"""

import unicodedata

from django.db.models import CharField, Q, Transform

# Letters that decomposition does not take apart into a base letter and an accent.
_SPELLED_OUT = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
    "ħ": "h",
}


def fold(text: str) -> str:
    """Lower case, without accents, spaces collapsed: "Köln" and "koln" fold alike, "Straße"
    to "strasse", "Cité des  métiers " to "cite des metiers"."""
    return " ".join(_fold_letters(text).split())


def _fold_letters(text: str) -> str:
    """fold() before the spaces are collapsed: a few signs decompose to a space and an accent."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return "".join(_SPELLED_OUT.get(char, char) for char in plain)


# The characters the SQL function folds itself, so that it needs lower() for ASCII only (which
# every database collation does alike): combining accents, Latin letters with accents or
# hooks (Romanian ș and ț live in Latin Extended-B, Vietnamese ệ in Latin Extended Additional),
# Greek and Cyrillic.
FOLDED_RANGES = [
    (0x0300, 0x036F),
    (0x00C0, 0x024F),
    (0x1E00, 0x1EFF),
    (0x0370, 0x03FF),
    (0x0400, 0x04FF),
]
FUNCTION_NAME = "tracker_fold"

# Every character str.split() takes for a space (the last is U+3000): runs of them become one
# space, in SQL too.
_SPACES = "".join(chr(code) for code in range(0x3100) if chr(code).isspace())


def _folded_characters() -> list[tuple[str, str]]:
    pairs = []
    for first, last in FOLDED_RANGES:
        for code in range(first, last + 1):
            char = chr(code)
            if _fold_letters(char) != char:
                pairs.append((char, _fold_letters(char)))
    return pairs


def postgresql_function() -> str:
    """fold() as a PostgreSQL function: replace() for the letters spelled out in several,
    translate() for one-to-one letters and for the accents it drops; then spaces collapsed, as
    str.split() sees them."""
    pairs = _folded_characters()
    spelled = [(char, folded) for char, folded in pairs if len(folded) > 1]
    one_to_one = [(char, folded) for char, folded in pairs if len(folded) == 1]
    dropped = [char for char, folded in pairs if not folded]
    expression = "$1"
    for char, folded in spelled:
        expression = f"replace({expression}, '{char}', '{folded}')"
    source = "".join(char for char, _ in one_to_one) + "".join(dropped)
    target = "".join(folded for _, folded in one_to_one)
    spaces = "".join(f"\\u{ord(char):04x}" for char in _SPACES)
    return f"""
        CREATE OR REPLACE FUNCTION {FUNCTION_NAME}(text) RETURNS text AS $fold$
            SELECT btrim(
                regexp_replace(
                    lower(translate({expression}, '{source}', '{target}')), '[{spaces}]+', ' ', 'g'
                ),
                ' '
            )
        $fold$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    """


def install_fold_function(connection) -> None:
    """Make tracker_fold() available on this connection's database (PostgreSQL: once per
    migrate, SQLite: per connection, as its functions live in the connection)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(postgresql_function())
    elif connection.vendor == "sqlite":
        connection.connection.create_function(
            FUNCTION_NAME, 1, lambda text: None if text is None else fold(text), deterministic=True
        )


class Folded(Transform):
    """fold() in a query, as the lookup `__fold`: `Q(name__fold__contains=fold(typed))`."""

    lookup_name = "fold"
    function = FUNCTION_NAME
    output_field = CharField()


# Words beyond these are left out: each one is a condition on every field searched, and a few
# words already tell one row from another (the search forms say so in their help).
MAX_WORDS = 8


def search_words(typed: str) -> list[str]:
    """The words of what was typed that a search looks for: folded, at most MAX_WORDS."""
    return fold(typed).split()[:MAX_WORDS]


def words_query(typed: str, fields: list[str]) -> Q:
    """Rows where each word typed appears in one of the fields, case and accents ignored:
    "cite des metiers paris" finds "Cité des métiers de Paris". Callers check that there is
    a word (search_words) first: no word at all is no condition, every row."""
    query = Q()
    for word in search_words(typed):
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__fold__contains": word})
        query &= any_field
    return query

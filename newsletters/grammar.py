"""The grammar the newsletter's sentences need per language, kept in one place: the preposition
and article of each country, the article an organisation's name takes after "by", elisions and
French spacing. Words go through gettext; what gettext cannot express (a preposition that
depends on the country) is here."""

import re
import unicodedata

from babel import Locale

# How each language says "in <country>", by ISO code: en, de and es put one preposition before
# the list and an article where the country takes one ("in the Netherlands", "in der Türkei",
# "en los Países Bajos"); fr, it and pt contract the preposition with the article, so each
# country carries its own ("en France, au Portugal, aux Pays-Bas, à Chypre"; "nei Paesi Bassi";
# "no Reino Unido"). Columns: en, fr, de, es, it, pt (European Portuguese); "-" is no article.
COUNTRIES = """
AT - en - - in na    BE - en - - in na    BG - en - - in na    CH - en der - in na
CY - à - - a em      CZ - en - - in na    DE - en - - in na    DK - au - - in na
EE - en - - in na    ES - en - - in em    FI - en - - in na    FR - en - - in em
GB the au dem el nel no    GR - en - - in na    HR - en - - in na    HU - en - - in na
IE - en - - in na    IS - en - - in na    IT - en - - in em    LI - au - - in no
LT - en - - in na    LU - au - - in no    LV - en - - in na    MK - en - - in na
MT - à - - a em      NL the aux den los nei nos    NO - en - - in na    PL - en - - in na
PT - au - - in em    RO - en - - in na    RS - en - - in na    SE - en - - in na
SI - en - - in na    SK - en der - in na    TR - en der - in na    US the aux den - negli nos
"""
COLUMNS = ("en", "fr", "de", "es", "it", "pt")
TABLE = {}
for _row in re.findall(r"([A-Z]{2})((?: \S+){6})", COUNTRIES):
    TABLE[_row[0]] = dict(zip(COLUMNS, _row[1].split(), strict=True))
# German declines a few names after "in" (dative plural, adjective endings).
GERMAN_DATIVE = {
    "NL": "Niederlanden", "US": "Vereinigten Staaten", "GB": "Vereinigten Königreich",
}  # fmt: skip
SHARED_PREPOSITION = {"en": "in", "de": "in", "es": "en"}
# The network writes British English and European Portuguese.
BABEL_LOCALES = {"en": "en_GB", "pt": "pt_PT"}


def country_name(code: str, language: str) -> str:
    locale = Locale.parse(BABEL_LOCALES.get(language, language))
    return locale.territories.get(code.upper(), code.upper())


def _guess(code: str, language: str, name: str) -> str:
    """A country outside the table: the language's commonest form."""
    if language == "fr":
        return "en" if name[:1].lower() in "aeiouéèâî" or name.endswith("e") else "au"
    return {"it": "in", "pt": "em"}.get(language, "-")


def in_countries(codes, language: str, listing) -> str:
    """'in France, Germany and the Netherlands', 'en France, au Portugal et aux Pays-Bas',
    'in Frankreich, der Türkei und den Niederlanden', 'nei Paesi Bassi e in Portogallo'.
    `listing` joins the parts as the language does (Babel)."""
    named = sorted(
        ((code, country_name(code, language)) for code in dict.fromkeys(codes)),
        key=lambda pair: strip_accents(pair[1]),
    )
    parts = []
    for code, name in named:
        form = TABLE.get(code.upper(), {}).get(language) or _guess(code, language, name)
        if language == "de":
            name = GERMAN_DATIVE.get(code.upper(), name)
        parts.append(name if form == "-" else f"{form} {name}")
    if not parts:
        return ""
    shared = SHARED_PREPOSITION.get(language)
    if shared is None:
        return listing(parts)
    text = f"{shared} {listing(parts)}"
    return text.replace("in dem ", "im ", 1) if language == "de" else text


# The gender a name's first word gives it, for the article after "by": "accueillie par la Cité
# des métiers", "ospitata dalla Città dei mestieri", "acolhida pela Fundación", "von der Stiftung
# Digitale Chancen". A name that starts otherwise (an acronym, a brand) takes none: "par
# Ynternet.org".
FEMININE = frozenset((
    "cité", "città", "ciudad", "cidade", "fondation", "fondazione", "fundación", "fundação",
    "stiftung", "université", "università", "universidad", "universidade", "universität",
    "association", "associazione", "asociación", "associação", "agence", "agenzia", "agencia",
    "agência", "agentur", "maison", "casa", "chambre", "camera", "cámara", "câmara", "mission",
    "école", "scuola", "escuela", "escola", "région", "regione", "región", "região", "ville",
    "fédération", "federazione", "federación", "federação", "académie", "accademia", "academia",
    "coopérative", "cooperativa", "red", "rete",
))  # fmt: skip
MASCULINE = frozenset((
    "centre", "centro", "zentrum", "institut", "instituto", "istituto", "réseau", "lycée",
    "conseil", "consiglio", "consejo", "conselho", "comité", "comitato", "pôle", "groupement",
    "office", "ministère", "ministero", "ministerio", "ministério", "département", "collège",
    "campus",
))  # fmt: skip
BY = {  # language: (feminine, masculine, before a vowel, no article)
    "en": ("by the", "by the", "by the", "by"),
    "fr": ("par la", "par le", "par l’", "par"),
    "de": ("von der", "vom", None, "von"),
    "es": ("por la", "por el", None, "por"),
    "it": ("dalla", "dal", "dall’", "da"),
    "pt": ("pela", "pelo", None, "por"),
}


def by_organisation(name: str, language: str) -> str:
    """'by the Cité des métiers de Paris', 'par la Cité…', 'vom Réseau…', 'pela Fundación…'."""
    head = name.split()[0].lower().strip("'’") if name.split() else ""
    feminine, masculine, vowel, bare = BY.get(language, BY["en"])
    if head in FEMININE or head in MASCULINE:
        if vowel and strip_accents(head)[:1] in "aeiouh":
            return f"{vowel}{name}"
        return f"{feminine if head in FEMININE else masculine} {name}"
    return f"{bare} {name}"


# Articles that elide before a vowel sound: Italian days ("l’8 ottobre", "dall’11 al 13").
ELISIONS = {
    "it": [(re.compile(r"\b(il|al|dal|nel) (8|11)\b"),
            lambda m: {"il": "l’", "al": "all’", "dal": "dall’", "nel": "nell’"}[m[1]] + m[2])],
}  # fmt: skip


def elide(language: str, text: str) -> str:
    for pattern, replacement in ELISIONS.get(language, []):
        text = pattern.sub(replacement, text)
    return text


NBSP, NARROW_NBSP = "\u00a0", "\u202f"
FRENCH_HIGH_MARKS = re.compile(r"(?<=\S)[ \u00a0\u202f]?([;:!?])(?=\s|$)")


def french_spacing(text: str) -> str:
    """French typography: a no-break space before ':' (narrow before ; ! ?) and inside « »,
    so a line never starts with a colon. Marks inside a word or an address (https://, 10:30,
    ?a=1) are left alone."""
    text = FRENCH_HIGH_MARKS.sub(lambda m: (NBSP if m[1] == ":" else NARROW_NBSP) + m[1], text)
    text = re.sub(r"«[ \u00a0\u202f]*", "«" + NBSP, text)
    return re.sub(r"[ \u00a0\u202f]*»", NBSP + "»", text)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def contains(haystack: str, needle: str) -> bool:
    """Whether a name already says a place ('Paris la Villette' says 'Paris'), whatever the
    accents and capitals."""
    return bool(needle) and strip_accents(needle) in strip_accents(haystack)

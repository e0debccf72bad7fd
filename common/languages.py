"""Which language a person reads: the one they chose when the product speaks it, the browser's
when they never chose, and English (the product's own) when their language has no catalogue."""

from django.conf import settings
from django.utils import translation

# The languages the network's partners speak (the EU's and the programme countries'), each named
# in itself: a person chooses among them whether or not the product has a catalogue for it yet.
SPOKEN_LANGUAGES = {
    "bg": "Български", "cs": "Čeština", "da": "Dansk", "de": "Deutsch", "el": "Ελληνικά",
    "en": "English", "es": "Español", "et": "Eesti", "fi": "Suomi", "fr": "Français",
    "ga": "Gaeilge", "hr": "Hrvatski", "hu": "Magyar", "is": "Íslenska", "it": "Italiano",
    "lt": "Lietuvių", "lv": "Latviešu", "mk": "Македонски", "mt": "Malti", "nl": "Nederlands",
    "no": "Norsk", "pl": "Polski", "pt": "Português", "ro": "Română", "sk": "Slovenčina",
    "sl": "Slovenščina", "sr": "Српски", "sv": "Svenska", "tr": "Türkçe",
}  # fmt: skip


def offered_languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def reading_language(chosen: str | None) -> str | None:
    """The language to speak to someone who chose `chosen`; None when they never chose, so
    that a page follows their browser."""
    if not chosen:
        return None
    return chosen if chosen in offered_languages() else settings.LANGUAGE_CODE


def mail_language(chosen: str | None) -> str:
    """A mail has no browser to follow: someone who never chose reads the product's own."""
    return reading_language(chosen) or settings.LANGUAGE_CODE


def falls_back_to_english(chosen: str | None) -> bool:
    return bool(chosen) and chosen not in offered_languages()


def babel_locale(language: str) -> str:
    """Babel's name for one of the product's languages: its Portuguese is Portugal's, where
    Babel's bare "pt" is Brazil's."""
    return {"pt": "pt_PT"}.get(language, translation.to_locale(language))

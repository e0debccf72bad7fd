"""Every catalogue in locale/ is complete and compiled, and the product offers each of them."""

import gettext
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(path.parent for path in (ROOT / "locale").glob("*/LC_MESSAGES/django.po"))
LANGUAGES = [folder.parent.name for folder in CATALOGUES]
# %(name)s and %s as Python formats them; a translation must keep the same ones.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")

in_each_language = pytest.mark.parametrize("language", LANGUAGES)


def po_entries(language: str) -> list[dict[str, str]]:
    """Each entry's msgctxt, msgid, msgid_plural and msgstr forms, continuation lines joined."""
    text = (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").read_text()
    entries = []
    for block in text.split("\n\n")[1:]:  # the first block is the header
        strings, key = {}, None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                strings[key] = match.group(2)
            elif line.startswith('"') and key:
                strings[key] += line[1:-1]
        if "msgid" in strings:
            entries.append(strings)
    return entries


def unescape(po_string: str) -> str:
    return po_string.replace("\\n", "\n").replace('\\"', '"')


def forms(entry: dict[str, str]) -> list[tuple[str, str]]:
    """(source, translation) pairs: the singular, and the plural for every other form."""
    if "msgid_plural" not in entry:
        return [(entry["msgid"], entry.get("msgstr", ""))]
    plural_forms = sorted(key for key in entry if key.startswith("msgstr["))
    return [
        (entry["msgid"] if key == "msgstr[0]" else entry["msgid_plural"], entry[key])
        for key in plural_forms
    ]


def test_the_product_offers_english_and_every_catalogue():
    assert [code for code, _name in settings.LANGUAGES] == ["en", *LANGUAGES]
    assert {"fr", "de", "es", "it", "pt"} <= set(LANGUAGES)


@in_each_language
def test_every_message_is_translated(language):
    untranslated = [
        entry["msgid"]
        for entry in po_entries(language)
        if not all(translation for _source, translation in forms(entry))
    ]
    assert untranslated == []
    # A fuzzy entry is a guess by makemessages, left out of the compiled catalogue.
    assert "#, fuzzy" not in (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").read_text()


@in_each_language
def test_translations_keep_the_placeholders_of_their_message(language):
    differing = [
        (source, translation)
        for entry in po_entries(language)
        for source, translation in forms(entry)
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation))
    ]
    assert differing == []


@in_each_language
def test_the_compiled_catalogue_holds_every_translation(language):
    with open(ROOT / "locale" / language / "LC_MESSAGES" / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    stale = []
    for entry in po_entries(language):
        msgid = unescape(entry["msgid"])
        if "msgctxt" in entry:
            msgid = f"{unescape(entry['msgctxt'])}\x04{msgid}"
        if "msgid_plural" in entry:
            keys = [(msgid, int(key[7:-1])) for key in entry if key.startswith("msgstr[")]
            pairs = [(key, entry[f"msgstr[{key[1]}]"]) for key in keys]
        else:
            pairs = [(msgid, entry["msgstr"])]
        stale += [key for key, translation in pairs if catalogue.get(key) != unescape(translation)]
    assert stale == [], "run: bin/translations"


@in_each_language
def test_gettext_accepts_the_catalogue_as_written(language):
    # msgfmt's own checks: plural forms as many as the header says, formats, the header itself.
    check = subprocess.run(
        [
            "msgfmt",
            "--check",
            "-o",
            "/dev/null",
            ROOT / "locale" / language / "LC_MESSAGES" / "django.po",
        ],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr

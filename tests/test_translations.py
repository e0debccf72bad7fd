"""The French catalogue is complete and compiled: every message of the .po is in the .mo."""

import gettext
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "fr" / "LC_MESSAGES"


def po_messages() -> list[tuple[str, str]]:
    """(msgid, first msgstr) of each entry, joining the continuation lines."""
    text = (CATALOGUE / "django.po").read_text()
    entries = []
    for block in text.split("\n\n")[1:]:  # the first block is the header
        strings = {}
        key = None
        for line in block.splitlines():
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[0\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                strings[key] = match.group(2)
            elif line.startswith('"') and key:
                strings[key] += line[1:-1]
        if "msgid" in strings:
            entries.append((strings["msgid"], strings.get("msgstr", strings.get("msgstr[0]", ""))))
    return entries


def test_every_message_has_a_french_translation():
    untranslated = [msgid for msgid, msgstr in po_messages() if not msgstr]
    assert untranslated == []
    # A fuzzy entry is a guess by makemessages, left out of the compiled catalogue.
    assert "#, fuzzy" not in (CATALOGUE / "django.po").read_text()


def test_the_compiled_catalogue_holds_every_message():
    with open(CATALOGUE / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    compiled_ids = {key[0] if isinstance(key, tuple) else key for key in catalogue._catalog}
    stale = [
        msgid
        for msgid, _ in po_messages()
        if msgid.replace("\\n", "\n").replace('\\"', '"') not in compiled_ids
    ]
    assert stale == [], "run: python manage.py compilemessages"

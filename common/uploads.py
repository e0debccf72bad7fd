"""What a submitted file may be, judged by its content and not only by its name.

A file is accepted when its extension is on the list and its bytes are what that extension
claims: a PDF starts with %PDF-, an office document is a zip with the parts its format requires,
an image has its signature and its end marker. Anything that looks like HTML or script near the
start is refused, so a renamed web page or an image/HTML polyglot never reaches a browser.
"""

import io
import re
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
MAX_NAME_LENGTH = 255  # what file systems and the submission's original_filename column hold
ALLOWED_EXTENSIONS = ["pdf", *OOXML_PARTS, *ODF_TYPES, "png", "jpg", "jpeg"]
MARKUP = re.compile(rb"<\s*(!doctype|html|head|body|script|svg|iframe|object|embed)\b", re.I)


def clean_filename(name: str) -> str:
    """The name a person gave the file, safe to show: no path, no control characters."""
    name = PurePosixPath(name.replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable())
    return name.strip()[-255:] or "file"


def check_upload(
    upload: UploadedFile, *, allowed: list[str] = ALLOWED_EXTENSIONS, limit: int | None = None
) -> str:
    """Return the file's extension if it may be stored, or raise a ValidationError saying why.

    `allowed`: the extensions this kind of file may have (a subset of ALLOWED_EXTENSIONS);
    `limit`: its size limit in bytes (a deliverable's, SUBMISSION_MAX_BYTES, by default)."""
    if limit is None:
        limit = settings.SUBMISSION_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s bytes; the limit is %(limit)s bytes (%(mb)d MB).")
            % {"size": f"{upload.size:,}", "limit": f"{limit:,}", "mb": limit // 2**20}
        )
    if "\x00" in upload.name:
        raise ValidationError(_("The file name contains a NUL character; rename the file."))
    if len(upload.name) > MAX_NAME_LENGTH:
        raise ValidationError(
            _("The file name is %(length)d characters long; shorten it to %(limit)d at most.")
            % {"length": len(upload.name), "limit": MAX_NAME_LENGTH}
        )
    name = clean_filename(upload.name)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in allowed:
        # A deliverable may be a link instead; other files (a signed sheet's scan) may not.
        message = (
            _("Files of type .%(extension)s are not accepted; send %(allowed)s, or a link.")
            if allowed is ALLOWED_EXTENSIONS
            else _("Files of type .%(extension)s are not accepted; send %(allowed)s.")
        )
        raise ValidationError(
            message
            % {
                "extension": extension or "(none)",
                "allowed": ", ".join("." + e for e in allowed),
            }
        )
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if MARKUP.search(content[:4096]):
        raise ValidationError(_("The file contains web page markup; send the document itself."))
    if not _content_matches(extension, content):
        # Offer a link only where the form has one (a deliverable's), as for the type above.
        message = (
            _(
                "The file is named .%(extension)s but its content is not a valid %(kind)s file; "
                "export it again or send a link."
            )
            if allowed is ALLOWED_EXTENSIONS
            else _(
                "The file is named .%(extension)s but its content is not a valid %(kind)s file; "
                "export or scan it again."
            )
        )
        raise ValidationError(message % {"extension": extension, "kind": extension.upper()})
    return "jpg" if extension == "jpeg" else extension


def _content_matches(extension: str, content: bytes) -> bool:
    if extension == "pdf":
        return content.startswith(b"%PDF-") and b"%%EOF" in content[-1024:]
    if extension == "png":
        return content.startswith(b"\x89PNG\r\n\x1a\n") and content.endswith(b"IEND\xaeB`\x82")
    if extension in ("jpg", "jpeg"):
        return content.startswith(b"\xff\xd8\xff") and content.rstrip(b"\x00").endswith(b"\xff\xd9")
    return _is_office_document(extension, content)


def _is_office_document(extension: str, content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            if extension in OOXML_PARTS:
                return "[Content_Types].xml" in names and any(
                    n.startswith(OOXML_PARTS[extension]) for n in names
                )
            if "mimetype" not in names:
                return False
            with archive.open("mimetype") as member:
                return member.read(100).strip() == ODF_TYPES[extension]
    except Exception:  # any archive a zip reader chokes on is not a document we accept
        return False

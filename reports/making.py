"""The one way a report pack is made, by the command and by the project page alike."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from projects.models import Project

from .gathering import gather_report_pack
from .periods import FINAL, period_of
from .workbook import report_pack_xlsx

FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def make_report_pack(
    *,
    project: Project,
    file_format: str,
    language: str,
    today: date,
    period: str = FINAL,
    with_personal_data: bool,
) -> bytes:
    """The pack of `project` for `period` as PDF or XLSX bytes, in `language`; refused with
    what to choose when the format, language or period is not one there is."""
    if file_format not in FORMATS:
        raise ValidationError(_("Choose the format: pdf or xlsx."))
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(
            _("Choose the language among: %(languages)s.")
            % {"languages": ", ".join(code for code, _name in settings.LANGUAGES)}
        )
    with translation.override(language):
        try:
            chosen = period_of(project, period, today=today)
        except ValueError as refusal:
            raise ValidationError(str(refusal)) from None
        pack = gather_report_pack(
            project, period=chosen, today=today, with_personal_data=with_personal_data
        )
        if file_format == "pdf":
            from .pdf import report_pack_pdf  # WeasyPrint loads its fonts on import: only here

            return report_pack_pdf(pack, language=language)
        return report_pack_xlsx(pack)


def report_pack_filename(project: Project, *, period: str, file_format: str) -> str:
    """COCADE-final-report-pack.pdf: the acronym, the period, the format."""
    name = slugify(project.acronym) or "project"
    return f"{name}-{period}-report-pack.{file_format}"

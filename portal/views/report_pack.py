"""A project's report pack, downloaded from its page. Whoever reads the project may take it;
participants' names are in it only for those who run the project (its coordinator's contacts
and the officers): a partner's pack holds the counts alone."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.http import content_disposition_header

from common import clock
from projects import access
from reports.making import FORMATS, make_report_pack, report_pack_filename
from reports.periods import FINAL


@login_required
def report_pack(request, pk: int):
    """?format=pdf|xlsx&period=interim|final&lang=…, in the reader's language unless told."""
    project = get_object_or_404(access.visible_projects(request.user), pk=pk)
    file_format = request.GET.get("format", "pdf")
    period = request.GET.get("period", FINAL)
    language = request.GET.get("lang")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language()
    try:
        content = make_report_pack(
            project=project,
            file_format=file_format,
            language=language,
            today=clock.today(),
            period=period,
            with_personal_data=access.may_run_project(request.user, project.pk),
        )
    except ValidationError as refusal:
        return HttpResponseBadRequest(" ".join(refusal.messages), content_type="text/plain")
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = content_disposition_header(
        True, report_pack_filename(project, period=period, file_format=file_format)
    )
    return response

from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from partners.models import Person

from .calendar import person_calendar
from .digests import UNSUBSCRIBE_SALT, language_of


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Change one's reminder frequency from the link in a digest, without signing in.

    The GET only shows the choice (mail scanners follow links); the POST changes it.
    """
    try:
        person_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)["person"]
    except (signing.BadSignature, KeyError, TypeError):
        return render(request, "reminders/unsubscribe.html", {"invalid": True}, status=400)
    person = get_object_or_404(Person, pk=person_id)
    changed = False
    if request.method == "POST":
        frequency = request.POST.get("frequency")
        if frequency in Person.Frequency.values:
            person.reminder_frequency = frequency
            person.save(update_fields=["reminder_frequency", "updated_at"])
            changed = True
    with translation.override(language_of(person)):
        return render(
            request,
            "reminders/unsubscribe.html",
            {"person": person, "changed": changed, "choices": Person.Frequency.choices},
        )


def calendar_feed(request, token):
    """No login: calendar programs cannot sign in. The token in the address is the secret."""
    person = Person.objects.filter(calendar_token=token).first()
    if person is None:
        raise Http404("No calendar at this address; it may have been renewed.")
    response = HttpResponse(person_calendar(person), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="erasmus-deadlines.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response

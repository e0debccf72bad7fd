"""The page an invited person opens from their mail to choose a password, before signing in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from common.languages import reading_language
from partners.invitations import accept_invitation, invitation_from

from ..binding import posted
from ..forms.people import InvitationPasswordForm

# The session of the person signed in by their new password; the demo and the admin sign in
# through it too, so the officer flag and the language come with the user.
BACKEND = "projects.authentication.OfficerAwareBackend"


def speak_their_language(request, person) -> None:
    """As PreferredLanguageMiddleware does once they are signed in: the language the person
    chose, unless the language switch was used; the browser's when they never chose."""
    language = reading_language(person.preferred_language)
    if language and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        translation.activate(language)
        request.LANGUAGE_CODE = language


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def invitation(request, token: str):
    try:
        invited = invitation_from(token)
    except ValidationError as refusal:
        return render(request, "portal/invitation.html", {"refusal": refusal}, status=400)
    person = invited.person
    speak_their_language(request, person)
    form = InvitationPasswordForm(person.user, posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            user = accept_invitation(token_text=token, password=form.cleaned_data["new_password1"])
        except ValidationError as refusal:
            return render(request, "portal/invitation.html", {"refusal": refusal}, status=400)
        login(request, user, backend=BACKEND)
        messages.success(request, _("Your password is saved. Welcome to the tracker!"))
        return redirect("my-work")
    return render(
        request,
        "portal/invitation.html",
        {"person": person, "form": form},
        status=400 if form.errors else 200,
    )

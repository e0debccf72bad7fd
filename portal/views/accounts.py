"""Accounts pages: Django's password reset, with the mail limits and the mail sent by Celery,
and the page of a sign-in paused after repeated wrong passwords."""

from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone, translation

from common.enqueue import enqueue_after_commit
from common.mail_limits import allow_mail, client_of, too_many_mails
from projects.authentication import paused_message, sign_in_paused_until


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if not allow_mail("password-reset", address=email, client=client_of(self.request)):
            form.add_error(None, too_many_mails())
            return self.render_to_response(self.get_context_data(form=form), status=429)
        # Known address or not, the same task is queued: the answer and its timing alike.
        enqueue_after_commit(
            "tasks.accounts.send_password_reset_mail", email, translation.get_language()
        )
        return HttpResponseRedirect(self.get_success_url())


def sign_in_paused(request, response, credentials):
    """django-axes' answer to a paused name (AXES_LOCKOUT_CALLABLE): until when, as the API
    says it, rather than a fixed "an hour" whatever the pause configured."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    until = sign_in_paused_until(request, username) or timezone.now()
    return render(
        request,
        "registration/locked_out.html",
        {"message": paused_message(until)},
        status=429,
    )

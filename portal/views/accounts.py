"""Django's password reset page, with the mail limits and the mail sent by Celery."""

from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.utils import translation

from common.enqueue import enqueue_after_commit
from common.mail_limits import allow_mail, client_of, too_many_mails


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

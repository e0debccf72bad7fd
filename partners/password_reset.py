"""The password reset mail, sent by a Celery task rather than inside the request: the page
answers at once and alike for every address, and a temporary refusal of the mail server is
tried again instead of being logged and lost (as Django's own form does)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from common.mailing import send_now, subject_line


class QueuedPasswordResetForm(PasswordResetForm):
    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email,
        html_email_template_name=None,
    ):  # fmt: skip
        subject = subject_line(render_to_string(subject_template_name, context))
        body = render_to_string(email_template_name, context)
        send_now(EmailMultiAlternatives(subject, body, from_email, [to_email]))


def send_password_reset(*, email: str, language: str) -> None:
    """Mail a link to choose a new password to the active accounts of `email`, if any."""
    form = QueuedPasswordResetForm({"email": email})
    if not form.is_valid():
        return
    site = urlsplit(settings.SITE_URL)
    with translation.override(language):
        form.save(domain_override=site.netloc, use_https=site.scheme == "https")

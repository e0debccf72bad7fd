"""Subscribers: double opt-in by a mailed link, no account, and leaving by a link as well."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.enqueue import enqueue_after_commit
from common.mailing import send_now, subject_line

from .models import Subscriber

SALT = "newsletters.subscriber"
CONFIRM_WITHIN = 7 * 24 * 3600  # seconds a confirmation link stays valid


def link(name: str, subscriber: Subscriber) -> str:
    token = signing.dumps({"subscriber": subscriber.pk, "email": subscriber.email}, salt=SALT)
    return settings.SITE_URL + reverse(f"newsletters:{name}", args=[token])


def subscriber_from(token: str, max_age: int | None = None) -> Subscriber:
    """The subscriber a link names, or ValidationError if the link is forged, old or stale."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError(_("This link has expired; subscribe again for a new one.")) from None
    except signing.BadSignature:
        raise ValidationError(_("This link is not valid; copy it whole from the e-mail.")) from None
    subscriber = Subscriber.objects.filter(pk=data.get("subscriber"), email=data.get("email"))
    if not subscriber.exists():
        raise ValidationError(_("This subscription no longer exists."))
    return subscriber.get()


def subscribe(*, email: str, language: str) -> Subscriber:
    """Record the request and have the confirmation link mailed; nothing is sent before it is
    followed. A new, a waiting and a confirmed address take the same steps (the task finds
    there is nothing to send to a confirmed one), so the answer and its timing say nothing of
    who subscribed."""
    email = email.strip().lower()
    subscriber = Subscriber.objects.filter(email__iexact=email).first()
    if subscriber is None:
        subscriber = Subscriber.objects.create(email=email, language=language)
    elif subscriber.confirmed_at is None and subscriber.language != language:
        # Only a request still waiting for its link takes the language asked last; a confirmed
        # reader's language is not for anyone who knows their address to change.
        subscriber.language = language
        subscriber.save(update_fields=["language", "updated_at"])
    enqueue_after_commit("tasks.newsletters.send_confirmation_mail", subscriber.pk)
    return subscriber


def send_confirmation(*, subscriber_id: int) -> str:
    """Mail the confirmation link to a subscriber who has not followed it yet."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, confirmed_at__isnull=True).first()
    if subscriber is None:
        return "nothing to send"
    with translation.override(subscriber.language):
        context = {"confirm_url": link("confirm", subscriber)}
        message = EmailMultiAlternatives(
            subject=subject_line(render_to_string("newsletters/email/confirm_subject.txt")),
            body=render_to_string("newsletters/email/confirm.txt", context),
            to=[subscriber.email],
        )
    send_now(message)
    return "sent"


def confirm(*, token: str) -> Subscriber:
    subscriber = subscriber_from(token, max_age=CONFIRM_WITHIN)
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at", "updated_at"])
    return subscriber


def unsubscribe(*, token: str) -> None:
    subscriber_from(token).delete()

"""The public pages: subscribe, confirm, unsubscribe. No account is needed for any of them."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.mail_limits import allow_mail, client_of, too_many_mails

from . import subscriptions
from .forms import SubscribeForm


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not allow_mail("subscribe", address=email, client=client_of(request)):
            return render(request, "newsletters/subscribe.html",
                          {"message": too_many_mails()}, status=429)  # fmt: skip
        subscriptions.subscribe(**form.cleaned_data)
        message = _(
            "Thank you. Check your mailbox: the link in our e-mail confirms your subscription."
        )
        return render(request, "newsletters/subscribe.html", {"message": message})
    status = 400 if request.method == "POST" else 200
    return render(request, "newsletters/subscribe.html",
                  {"form": form, "button": _("Subscribe")}, status=status)  # fmt: skip


def confirm(request, token):
    try:
        subscriptions.confirm(token=token)
    except ValidationError as error:
        return render(
            request, "newsletters/subscribe.html", {"message": error.messages[0]}, status=400
        )
    message = _("Your subscription is confirmed. The next newsletter will reach you.")
    return render(request, "newsletters/subscribe.html", {"message": message})


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The GET shows a button (mail scanners follow links); the POST unsubscribes."""
    try:
        subscriptions.subscriber_from(token)
    except ValidationError as error:
        return render(
            request, "newsletters/subscribe.html", {"message": error.messages[0]}, status=400
        )
    if request.method == "POST":
        subscriptions.unsubscribe(token=token)
        message = _("You are unsubscribed; no more newsletters will be sent to you.")
        return render(request, "newsletters/subscribe.html", {"message": message})
    return render(request, "newsletters/subscribe.html",
                  {"form": None, "message": _("Stop receiving the newsletter?"),
                   "unsubscribe": True})  # fmt: skip

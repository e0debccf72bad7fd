from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NewsletterIssue


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    language = forms.ChoiceField(
        label=_("Language of the newsletter"), choices=NewsletterIssue.Language.choices
    )

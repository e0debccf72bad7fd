from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django_countries.filters import CountryFilter

from common.languages import SPOKEN_LANGUAGES, falls_back_to_english, offered_languages

from .models import EMAIL_TAKEN, Organisation, Person
from .services import feed_url, renew_calendar_token


class ReadsFilter(admin.SimpleListFilter):
    """Who reads what: their own language, their browser's, or English for want of theirs."""

    title = "reads"
    parameter_name = "reads"

    def lookups(self, request, model_admin):
        return [
            ("chosen", "the language they chose"),
            ("browser", "their browser's language (they never chose)"),
            ("english", "English: their language is not available"),
        ]

    def queryset(self, request, queryset):
        offered = offered_languages()
        if self.value() == "chosen":
            return queryset.filter(preferred_language__in=offered)
        if self.value() == "browser":
            return queryset.filter(preferred_language="")
        if self.value() == "english":
            return queryset.exclude(preferred_language__in=[*offered, ""])
        return queryset


class PeopleFormSet(BaseInlineFormSet):
    """An organisation's people, refusing beside the field an address given twice in one save:
    each form is checked against the saved people only, so the database would refuse the second
    one while saving (person_email_unique, whose Lower() this follows)."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            email = getattr(form, "cleaned_data", {}).get("email")
            if not email or self._should_delete_form(form):
                continue
            if email.lower() in seen:
                form.add_error("email", EMAIL_TAKEN)
            seen.add(email.lower())


class PersonInline(admin.TabularInline):
    model = Person
    formset = PeopleFormSet
    fields = ["first_name", "last_name", "email", "job_title", "preferred_language"]
    extra = 0
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "country", "city", "type", "is_network_member"]
    list_filter = [("country", CountryFilter), "type", "is_network_member"]
    search_fields = ["name", "short_name", "city", "oid", "pic"]
    inlines = [PersonInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "type", "is_network_member"]}),
        ("Where", {"fields": ["country", "city", "website"]}),
        ("Erasmus+ identifiers", {"fields": ["oid", "pic"]}),
    ]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "organisation", "email", "job_title", "reads", "user"]
    list_filter = [ReadsFilter, "preferred_language", ("organisation__country", CountryFilter)]
    list_select_related = ["organisation", "user"]
    search_fields = ["first_name", "last_name", "email", "organisation__name"]
    autocomplete_fields = ["organisation", "user"]
    readonly_fields = ["calendar_feed", "login"]
    actions = ["renew_calendar_addresses"]

    def get_readonly_fields(self, request, obj=None):
        # Officers give logins on the People page, which creates them without any rights;
        # linking a person to an existing login (perhaps a superuser's) is an administrator's.
        fields = super().get_readonly_fields(request, obj)
        return fields if request.user.is_superuser else [*fields, "user"]

    @admin.display(description="login")
    def login(self, person):
        if not person.pk:
            return "Save the person, then invite them from the People page."
        return format_html(
            '<a href="{}">Invite, resend, deactivate or reactivate on the People page</a>',
            reverse("person-detail", args=[person.pk]),
        )

    @admin.display(description="calendar feed")
    def calendar_feed(self, person):
        return feed_url(person) if person.pk else "—"

    @admin.action(description="Renew the calendar addresses (the old ones stop working)")
    def renew_calendar_addresses(self, request, queryset):
        for person in queryset:
            renew_calendar_token(person=person)
        self.message_user(request, f"{queryset.count()} calendar address(es) renewed.")

    @admin.display(description="reads", ordering="preferred_language")
    def reads(self, person):
        chosen = person.preferred_language
        if not chosen:
            return "their browser's language"
        if falls_back_to_english(chosen):
            return f"English (their language, {SPOKEN_LANGUAGES[chosen]}, is not available)"
        return SPOKEN_LANGUAGES[chosen]

    @admin.display(description="name", ordering="last_name")
    def full_name(self, person):
        return person.full_name

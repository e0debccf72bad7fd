"""The review's e-mails, each to one person in their language: "changes requested" to the
lead organisation's contacts, "waiting for your review" to the coordinator's.

They are not deadline reminders, so a person who turned reminders off still gets them: each
answers something they did or must do now. One task per recipient, so a mail server refusing
one address for now retries that address alone; the Message-ID is the same on every attempt.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from common.languages import mail_language
from common.mailing import send_now, subject_line
from partners import naming
from partners.models import Person
from projects import contacts

from .models import Deliverable, Review, Submission


def _reachable(people: QuerySet[Person], acting) -> list[int]:
    # The mail links to the deliverable's page: someone with no active login could not open
    # it (notices, likewise, go to logins only). Whoever acted knows already.
    people = people.exclude(email="").filter(user__is_active=True)
    if acting is not None and acting.is_authenticated:
        people = people.exclude(user=acting)
    return list(people.order_by("pk").values_list("pk", flat=True).distinct())


def lead_contacts(deliverable: Deliverable, *, acting=None) -> list[int]:
    """The ids of the lead organisation's contacts in the deliverable's project."""
    return _reachable(
        contacts.organisation_contacts(deliverable.project_id, deliverable.lead_organisation_id),
        acting,
    )


def coordinator_contacts(deliverable: Deliverable, *, acting=None) -> list[int]:
    """The ids of the coordinating organisation's contacts in the deliverable's project."""
    return _reachable(contacts.coordinator_contacts(deliverable.project_id), acting)


def deliverable_url(deliverable_id: int) -> str:
    return settings.SITE_URL + reverse("deliverable-detail", args=[deliverable_id])


def _message(person: Person, *, subject: str, template: str, context: dict, key: str):
    return EmailMessage(
        subject=subject_line(subject),
        body=render_to_string(template, {"person": person, **context}),
        to=[person.email],
        headers={"Message-ID": f"<{key}-{person.pk}@{settings.CALENDAR_UID_DOMAIN}>"},
    )


def changes_requested_message(review: Review, person: Person) -> EmailMessage:
    deliverable = review.deliverable
    with translation.override(mail_language(person.preferred_language)):
        subject = _("Changes requested on %(project)s %(code)s") % {
            "project": deliverable.project.acronym,
            "code": deliverable.code,
        }
        return _message(
            person,
            subject=subject,
            template="deliverables/email/changes_requested.txt",
            context={
                "deliverable": deliverable,
                "review": review,
                "reviewer": naming.name_of(review.reviewed_by) or "?",
                "url": deliverable_url(deliverable.pk),
            },
            key=f"review-{review.pk}",
        )


def handed_in_message(submission: Submission, person: Person) -> EmailMessage:
    deliverable = submission.deliverable
    with translation.override(mail_language(person.preferred_language)):
        subject = _("%(project)s %(code)s is waiting for your review") % {
            "project": deliverable.project.acronym,
            "code": deliverable.code,
        }
        return _message(
            person,
            subject=subject,
            template="deliverables/email/handed_in.txt",
            context={
                "deliverable": deliverable,
                "submission": submission,
                "submitter": naming.name_of(submission.submitted_by) or "?",
                "url": deliverable_url(deliverable.pk),
            },
            key=f"submission-{submission.pk}",
        )


def send_changes_requested(*, review_id: int, person_id: int) -> str:
    """Tell one of the lead's contacts what the coordinator asks to change."""
    review = (
        Review.objects.select_related("deliverable__project", "reviewed_by__person")
        .filter(pk=review_id)
        .first()
    )
    person = Person.objects.filter(pk=person_id).exclude(email="").first()
    if review is None or person is None:
        return "nothing to send"
    send_now(changes_requested_message(review, person))
    return "sent"


def send_handed_in(*, submission_id: int, person_id: int) -> str:
    """Tell one of the coordinator's contacts that a deliverable waits for their review."""
    submission = (
        Submission.objects.select_related("deliverable__project", "submitted_by__person")
        .filter(pk=submission_id)
        .first()
    )
    person = Person.objects.filter(pk=person_id).exclude(email="").first()
    if submission is None or person is None:
        return "nothing to send"
    send_now(handed_in_message(submission, person))
    return "sent"

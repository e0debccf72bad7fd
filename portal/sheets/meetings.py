"""The tables of a meeting's page: who takes part (people and outside guests), its action items."""

from django.utils.translation import gettext as _

from common import clock
from meetings.models import Guest
from projects import access

from ..selectors import meeting_participations
from . import Sheet, sheet, yes_no
from .projects import action_item_header, action_item_rows


def participants(request, meeting) -> Sheet:
    """People, then guests, as the page lists them: names, organisations and the type the
    grant counts (the partners' people are their staff). Outside people's details are for
    whoever runs the project, as on the page, with a guest's e-mail when they agreed to be
    contacted; an erased one keeps a line without a name. Attendance once the meeting began."""
    begun = meeting.start_date <= clock.today()
    with_guests = access.may_run_project(request.user, meeting.project_id)
    header = [_("Name"), _("Organisation"), _("Country"), _("Taking part as"), _("Type")]
    header += [_("E-mail (with consent)")] if with_guests else []
    header += [_("Attended")]
    staff = Guest.Type.STAFF.label

    def rows():
        for p in meeting_participations(meeting):
            organisation = p.person.organisation
            yield (
                p.person.full_name,
                organisation.short_name,
                organisation.country.name,
                _("participant"),
                staff,
                *([""] if with_guests else []),
                yes_no(p.attended) if begun else "",
            )
        for guest in meeting.guests.all() if with_guests else ():
            yield (
                _("(erased)") if guest.erased else guest.name,
                guest.organisation_name,
                guest.country.name,
                _("guest"),
                guest.get_type_display(),
                guest.email if guest.email_consent else "",
                yes_no(guest.attended) if begun else "",
            )

    return sheet(header, rows())


def action_items(request, meeting) -> Sheet:
    items = meeting.action_items.select_related("owner").order_by("due_date", "pk")
    return sheet(
        action_item_header(), action_item_rows(items, today=clock.today(), meeting=meeting)
    )

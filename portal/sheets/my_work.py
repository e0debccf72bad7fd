"""My work's tables: what my organisations owe, what waits for my review, my action items and
my next meetings."""

from django.utils.translation import gettext as _

from common import clock
from partners.naming import name_of

from ..selectors import awaiting_my_review, my_action_items, my_deliverables, my_next_meetings
from . import Sheet, day, sheet, status_of
from .projects import deliverable_sheet


def my_work_deliverables(request) -> Sheet:
    today = clock.today()
    return deliverable_sheet(my_deliverables(request.user, today=today), today=today)


def awaiting_review(request) -> Sheet:
    header = [_("Project"), _("Code"), _("Deliverable"), _("Lead"), _("Handed in"), _("By")]

    def rows():
        for d in awaiting_my_review(request.user):
            handed_in = next(iter(d.newest_submissions), None)
            yield (
                d.project.acronym,
                d.code,
                d.title,
                d.lead_organisation.short_name,
                day(handed_in.created_at.date()) if handed_in else "",
                name_of(handed_in.submitted_by) if handed_in else "",
            )

    return sheet(header, rows())


def my_action_items_sheet(request) -> Sheet:
    """My open action items: the rows My work lists to mark done."""
    today = clock.today()
    header = [_("Project"), _("Meeting"), _("Action item"), _("Due"), _("Status")]
    return sheet(
        header,
        (
            (
                item.meeting.project.acronym if item.meeting.project_id else "",
                item.meeting.title,
                item.description,
                day(item.due_date),
                status_of(item, today),
            )
            for item in my_action_items(request.user)
        ),
    )


def my_meetings(request) -> Sheet:
    header = [_("When"), _("Meeting"), _("Project"), _("Where"), _("Start"), _("End")]
    return sheet(
        header,
        (
            (
                m.dates_text,
                m.title,
                m.project.acronym if m.project_id else "",
                m.place,
                day(m.start_date),
                day(m.end_date),
            )
            for m in my_next_meetings(request.user, today=clock.today())
        ),
    )

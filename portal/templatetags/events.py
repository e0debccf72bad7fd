"""An event of a project as a sentence in the reader's language, written when it is read:
the activity keeps the verb and its details, never a sentence."""

from datetime import date

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from activity.models import Event
from partners.naming import name_of
from projects.models import Objective

register = template.Library()
Verb = Event.Verb


def sentences() -> dict[str, str]:
    """Each verb's sentence; %(from)s and %(to)s come from the event's details."""
    return {
        Verb.HANDED_IN: _("%(actor)s handed in %(target)s."),
        Verb.APPROVED: _("%(actor)s approved %(target)s."),
        Verb.CHANGES_REQUESTED: _("%(actor)s requested changes to %(target)s."),
        Verb.MEETING_PLANNED: _("%(actor)s planned the meeting %(target)s (%(to)s)."),
        Verb.MEETING_MOVED: _("%(actor)s moved the meeting %(target)s from %(from)s to %(to)s."),
        Verb.MEETING_CHANGED: _("%(actor)s changed the meeting %(target)s."),
        Verb.MEETING_CANCELLED: _("%(actor)s cancelled the meeting %(target)s."),
        Verb.MINUTES_RECORDED: _("%(actor)s recorded the minutes of %(target)s."),
        Verb.ACTION_ITEM_ADDED: _("%(actor)s added the action item %(target)s."),
        Verb.SHEET_UPLOADED: _("%(actor)s uploaded the signed attendance sheet of %(target)s."),
        Verb.SHEET_REMOVED: _("%(actor)s removed a signed attendance sheet of %(target)s."),
        Verb.OBJECTIVE_CHANGED: _(
            "%(actor)s changed the status of objective %(target)s from %(from)s to %(to)s."
        ),
        Verb.PARTNER_ADDED: _("%(actor)s added %(target)s to the project."),
        Verb.PARTNER_REMOVED: _("%(actor)s took %(target)s out of the project."),
        Verb.CONTACTS_CHANGED: _("%(actor)s changed the contact persons of %(target)s."),
        Verb.WORK_PLAN_CHANGED: _("%(actor)s changed %(target)s in the work plan."),
        Verb.PROJECT_CREATED: _("%(actor)s created the project %(target)s."),
        Verb.PROJECT_CHANGED: _("%(actor)s changed %(target)s."),
        Verb.DISSEMINATION_LOGGED: _("%(actor)s logged the dissemination %(target)s."),
        Verb.RESULT_REGISTERED: _("%(actor)s registered the result %(target)s."),
    }


@register.filter
def described(event: Event) -> str:
    """What happened, e.g. "Anne Martin handed in IO1 Vademecum." Pages load the actor's
    person with the event, so this costs no query."""
    details = event.details if isinstance(event.details, dict) else {}
    sentence = sentences().get(event.verb, "%(actor)s: %(target)s")
    if event.verb == Verb.WORK_PLAN_CHANGED and details.get("removed"):
        sentence = _("%(actor)s removed %(target)s from the work plan.")
    values = {
        "actor": name_of(event.actor) or _("The tracker"),
        "target": event.target,
        "from": shown(details.get("from")),
        "to": shown(details.get("to")),
    }
    text = sentence % values
    if "%(from)s" not in sentence and "from" in details and "to" in details:
        text += f" ({values['from']} → {values['to']})"
    return text


def shown(value) -> str:
    """A detail as the reader reads it: an objective's status by its name, a date or a period
    (two ISO dates) in the reader's format, anything else as it is."""
    if value is None:
        return "—"
    if isinstance(value, list | tuple) and len(value) == 2:
        first, last = (shown(part) for part in value)
        return first if first == last else f"{first} – {last}"
    if isinstance(value, str):
        if value in Objective.Status.values:
            return str(Objective.Status(value).label)
        try:
            return date_format(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)

"""One row of a workbook against the database: its cells as field values, saved through
full_clean when anything changed, and the organisations and people it names by their keys."""

import calendar
import re
from collections import defaultdict
from datetime import date, datetime
from functools import cache

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from common.content_languages import stored_name
from common.labels import choice_labels
from partners.matching import similar_organisations
from partners.models import Organisation, Person
from projects import access

from .layout import person_key
from .reading import Row

NAME_AND_COUNTRY = re.compile(r"^(?P<name>.+) \((?P<country>[A-Z]{2})\)$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")
EXAMPLE_DAY = date(2026, 3, 31)


def write_a_day() -> str:
    return _(
        "Write a date as YYYY-MM-DD, e.g. 2026-03-31, or as %(local)s, or use a date cell."
    ) % {"local": local_example()}


def write_a_day_or_month() -> str:
    return _(
        "Write a date as YYYY-MM-DD, e.g. 2026-03-31, or as %(local)s, or use a date cell; or "
        "a month alone, e.g. 2026-03, while the day is to be confirmed."
    ) % {"local": local_example()}


def local_example() -> str:
    """The example day in the active language's first format other than ISO."""
    forms = [form for form in get_format("DATE_INPUT_FORMATS") if form != "%Y-%m-%d"]
    return EXAMPLE_DAY.strftime(forms[0]) if forms else EXAMPLE_DAY.isoformat()


class Refused(Exception):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column, self.message = column, message


def refuse(column: str, message: str):
    raise Refused(column, message)


def save(instance, row: Row, names: list[str], related: dict) -> str:
    """Set the row's columns on the instance; full_clean and save when anything changed."""
    if not assign(instance, row, names, related):
        return "unchanged"
    created = instance.pk is None
    instance.full_clean()
    instance.save()
    return "created" if created else "updated"


def assign(instance, row: Row, names: list[str], related: dict) -> bool:
    """Set the row's columns and related rows on the instance; whether anything changed."""
    changed = instance.pk is None
    for name in names:
        if name not in row.values:
            continue  # a column left out keeps what is stored
        model_field, attname = column_field(type(instance), name)
        value = cell_value(model_field, row.text(name), name)
        if getattr(instance, attname) != value:
            setattr(instance, attname, value)
            changed = True
    for name, value in related.items():
        if name not in row.values:
            continue  # nor does a related row's column left out
        if getattr(instance, instance._meta.get_field(name).attname) != (value and value.pk):
            setattr(instance, name, value)
            changed = True
    return changed


@cache
def column_field(model, name: str):
    """The model field a column fills and the attribute that holds it: a title's cell is its
    original, whatever language the import runs in. Looked up once per model and column, not
    per row (a sheet may have 10,000)."""
    model_field = model._meta.get_field(name)
    return model_field, stored_name(model, model_field.attname)


def cell_value(model_field, text: str, column: str):
    if text == "":
        return None if model_field.null else model_field.get_default()
    if model_field.get_internal_type() == "DateField":
        return day_of(text, column)
    if model_field.get_internal_type() == "BooleanField":
        if text.lower() not in ("true", "false"):
            raise Refused(column, _("Give true or false."))
        return text.lower() == "true"
    if model_field.choices:
        return choice_value(model_field, text, column)
    try:
        return model_field.to_python(text)
    except ValidationError as error:
        raise Refused(column, " ".join(error.messages)) from None


def choice_value(model_field, text: str, column: str) -> str:
    """A choice cell: its value, or its label as the pages show it, in English or in the
    import's language."""
    values = [str(value) for value, _label in model_field.flatchoices]
    if text in values:
        return text
    language = translation.get_language() or "en"
    if value := values_of_labels(model_field.model, model_field.name, language).get(
        text.strip().casefold()
    ):
        return value
    raise Refused(
        column,
        _("“%(text)s” is not an accepted value; write one of: %(values)s.")
        % {"text": text, "values": ", ".join(values)},
    )


@cache
def values_of_labels(model, name: str, language: str) -> dict[str, str]:
    """{label, case folded: value} in English and `language`; a label that two choices share
    names neither."""
    found = defaultdict(set)
    for each in {"en", language}:
        with translation.override(each):
            for value, label in choice_labels(model, name, each).items():
                found[label.casefold()].add(str(value))
    return {label: values.pop() for label, values in found.items() if len(values) == 1}


def local_day(text: str) -> date | None:
    """The day a text gives in one of the active language's date formats (Django's
    DATE_INPUT_FORMATS, config/formats for English), else None."""
    for form in get_format("DATE_INPUT_FORMATS"):
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def read_local_days(row: Row, columns) -> None:
    """The row's dates written in the user's language (31/12/2026, 31.12.2026) as ISO days, so
    that every later step reads one form; date cells and months alone are left as they are."""
    for column in columns:
        value = row.values.get(column)
        if isinstance(value, str) and not ISO_MONTH.match(value.strip()):
            day = local_day(value.strip())
            if day is not None:
                row.values[column] = day.isoformat()


def day_of(text: str, column: str) -> date:
    """A date written YYYY-MM-DD (a date cell reads so too)."""
    try:
        if ISO_DAY.match(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    if ISO_MONTH.match(text):
        raise Refused(
            column,
            _("%(text)s is a month alone; %(how)s") % {"text": text, "how": write_a_day()},
        )
    raise Refused(
        column, _("%(text)s is not a date. %(how)s") % {"text": text, "how": write_a_day()}
    )


def month_of(row: Row, column: str) -> tuple[date, date] | None:
    """The first and last days of the month the cell gives alone ("2019-03"), else None."""
    match = ISO_MONTH.match(row.text(column))
    if match is None:
        if row.text(column) and not ISO_DAY.match(row.text(column)):
            raise Refused(
                column,
                _("%(text)s is not a date. %(how)s")
                % {"text": row.text(column), "how": write_a_day_or_month()},
            )
        return None
    year, month = int(match["year"]), int(match["month"])
    if not 1 <= month <= 12:
        raise Refused(
            column,
            _("%(text)s is not a month. %(how)s")
            % {"text": row.text(column), "how": write_a_day_or_month()},
        )
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def set_many(relation, rows, outcome: str, *, row: Row, column: str) -> str:
    """Set the relation to `rows`, read from the row's `column`; a column left out keeps what
    is stored (a sheet without its participants leaves a meeting's as they are)."""
    if column not in row.values:
        return outcome
    if {stored.pk for stored in relation.all()} == {wanted.pk for wanted in rows}:
        return outcome
    relation.set(rows)
    return "updated" if outcome == "unchanged" else outcome


def organisations_seen_by(user) -> QuerySet[Organisation]:
    """The organisations an import's keys may find: those the user may see (projects.access),
    every one for an officer and for the command line's operator (no user). A key of any other
    answers as one of none stored, naming nothing the user may not see."""
    return Organisation.objects.all() if user is None else access.visible_organisations(user)


def people_seen_by(user) -> QuerySet[Person]:
    """The people an import's keys may find, as organisations_seen_by."""
    return Person.objects.all() if user is None else access.visible_people(user)


def find_organisation(key: str, *, user) -> Organisation | None:
    stored = organisations_seen_by(user)
    if re.fullmatch(r"E\d{8}", key):
        return stored.filter(oid=key).first()
    if re.fullmatch(r"\d{9}", key):
        return stored.filter(pic=key).first()
    match = NAME_AND_COUNTRY.match(key)
    if match is None:
        return None
    # The exact name: a look-alike is for the user to choose (see look_alike), never a guess.
    return stored.filter(name=match["name"], country=match["country"]).first()


def find_organisations(keys, *, user) -> dict[str, Organisation]:
    """{key: organisation} for the keys that find one, in three queries at most, whatever their
    number; the same organisation find_organisation gives for each (the first stored)."""
    oids = {key for key in keys if re.fullmatch(r"E\d{8}", key)}
    pics = {key for key in keys if re.fullmatch(r"\d{9}", key)}
    named = {key: match for key in keys if (match := NAME_AND_COUNTRY.match(key))}
    found = {}
    stored = organisations_seen_by(user).order_by("name", "pk")
    for organisation in stored.filter(oid__in=oids) if oids else []:
        found.setdefault(organisation.oid, organisation)
    for organisation in stored.filter(pic__in=pics) if pics else []:
        found.setdefault(organisation.pic, organisation)
    if named:
        names = {match["name"] for match in named.values()}
        countries = {match["country"] for match in named.values()}
        for organisation in stored.filter(name__in=names, country__in=countries):
            key = f"{organisation.name} ({organisation.country})"
            if key in named:
                found.setdefault(key, organisation)
    return found


def look_alike(*, name: str, country: str, oid: str = "", pic: str = "", user) -> str:
    """When an organisation is not found by its key: the look-alikes already stored that the
    user may see and how to choose one, or "" when there are none."""
    similar = similar_organisations(name=name, country=country, oid=oid, pic=pic)
    alike = list((similar & organisations_seen_by(user))[:3])
    if not alike:
        return ""
    described = "; ".join(
        f"“{o.name}” ({o.country}{', OID ' + o.oid if o.oid else ''}"
        f"{', PIC ' + o.pic if o.pic else ''})"
        for o in alike
    )
    return _(
        "%(described)s looks like it. To mean it, write its OID or PIC, or its exact name and "
        "country; if it is another organisation, give this one its own OID or PIC."
    ) % {"described": described}


def organisation_of_key(key: str, column: str, *, user) -> Organisation:
    found = find_organisation(key, user=user)
    if found:
        return found
    match = NAME_AND_COUNTRY.match(key)
    alike = look_alike(name=match["name"], country=match["country"], user=user) if match else ""
    refuse(
        column,
        _("No organisation %(key)s. %(how)s")
        % {"key": key, "how": alike or _("Add it to the organisations sheet.")},
    )


def organisation_of(row: Row, column: str, *, user) -> Organisation:
    if not row.text(column):
        raise Refused(column, _("Give the organisation's OID, PIC or “Name (country code)”."))
    return organisation_of_key(row.text(column), column, user=user)


def people_of(row: Row, column: str, *, user) -> list[Person]:
    return [person_of_key(key, column, user=user) for key in row.keys(column)]


def person_of_key(key: str, column: str, *, user) -> Person:
    """The person a key names: an e-mail address whatever its case, else "First Last" of a
    person without one."""
    person = find_people([key], user=user).get(key)
    if person is None:
        refuse(column, _("No person %(key)s: add them to the people sheet.") % {"key": key})
    return person


def find_people(keys, *, user) -> dict[str, Person]:
    """{key: person} for the keys that find one among those the user may see, in two queries at
    most, whatever their number; the first by the people's order for a name that several
    share."""
    emails = {key.lower(): key for key in keys if "@" in key}
    names = {key for key in keys if "@" not in key}
    found = {}
    stored = people_seen_by(user)
    if emails:
        lowered = stored.alias(lowered=Lower("email")).filter(lowered__in=emails)
        for person in lowered:
            found.setdefault(emails[person.email.lower()], person)
    if names:
        for person in stored.filter(email=""):
            if person_key(person) in names:
                found.setdefault(person_key(person), person)
    return found


def refusals(error: ValidationError):
    if hasattr(error, "error_dict"):
        return [(column if column != "__all__" else "", messages)
                for column, messages in error.message_dict.items()]  # fmt: skip
    return [("", error.messages)]

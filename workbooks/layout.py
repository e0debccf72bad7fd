"""A whole project as one workbook: one sheet per table, rows named by natural keys (the
project's reference number, codes, an organisation's OID, PIC or name and country, a person's
e-mail), never by database ids, so that the workbook means the same in another installation.
The import reads this same layout."""

from collections.abc import Iterator

from common.content_languages import stored_name, version_names
from deliverables.models import Deliverable
from meetings.models import Meeting
from partners.models import Organisation, Person
from projects.models import Project

LIST_SEPARATOR = "; "  # several organisations or people in one cell
# The import template's hidden sheet of drop-down values: no table, passed over on import.
LISTS_SHEET = "lists"

SHEETS = {
    "project": [
        "reference_number", "acronym", "title", "action", "national_agency", "start_date",
        "end_date", "status", "eu_grant", "interim_report_due", "website", "description",
        *version_names("title"),
    ],
    "organisations": [
        "oid", "pic", "name", "short_name", "country", "city", "type", "website",
        "is_network_member",
    ],
    "people": [
        "email", "first_name", "last_name", "job_title", "organisation", "preferred_language",
    ],
    "partnerships": ["organisation", "role", "contacts"],
    "objectives": ["number", "title", "description", "status", *version_names("title")],
    "work packages": [
        "code", "title", "lead_organisation", "start_month", "end_month", "position",
    ],
    "deliverables": [
        "code", "title", "kind", "work_package", "lead_organisation", "contributors",
        "due_date", "due_date_confirmed", "dissemination_level", "position", "status",
        "description", *version_names("title"),
    ],
    "meetings": [
        "start_date", "title", "kind", "end_date", "host_organisation", "venue", "city",
        "country", "is_online", "participants", "minutes", *version_names("title"),
        *version_names("venue"), *version_names("city"),
    ],
}  # fmt: skip
# The columns that hold a date: read in the user's language's formats too.
DATE_COLUMNS = {
    "project": ["start_date", "end_date", "interim_report_due"],
    "deliverables": ["due_date"],
    "meetings": ["start_date", "end_date"],
}
# The columns that are the row's own fields (the others name related rows).
WORK_PACKAGE_FIELDS = ["code", "title", "start_month", "end_month", "position"]
DELIVERABLE_FIELDS = [
    "code", "title", "kind", "due_date", "due_date_confirmed", "dissemination_level", "position",
    "status", "description", *version_names("title"),
]  # fmt: skip


def organisation_key(organisation: Organisation) -> str:
    """An organisation's OID, else its PIC, else its name and country: `Name (FR)`."""
    return organisation.oid or organisation.pic or f"{organisation.name} ({organisation.country})"


def person_key(person: Person) -> str:
    """A person's e-mail address, else their name."""
    return person.email or f"{person.first_name} {person.last_name}"


def keys(rows, key) -> str:
    return LIST_SEPARATOR.join(key(row) for row in rows)


def project_sheets(
    project: Project, *, organisations_seen=None
) -> list[tuple[str, list[str], Iterator[dict]]]:
    """(title, columns, rows) of every sheet of the project's workbook; its organisations
    sheet holds those of `organisations_seen` alone when given (a queryset)."""
    partnerships = list(
        project.partnerships.select_related("organisation")
        .prefetch_related("contacts")
        .order_by("role", "organisation__name")
    )
    meetings = list(
        project.meetings.select_related("host_organisation")
        .prefetch_related("participants")
        .order_by("start_date", "title")
    )
    organisations = {p.organisation.pk: p.organisation for p in partnerships}
    organisations.update({m.host_organisation.pk: m.host_organisation for m in meetings
                          if m.host_organisation})  # fmt: skip
    if organisations_seen is not None:
        seen = set(organisations_seen.filter(pk__in=organisations).values_list("pk", flat=True))
        organisations = {pk: row for pk, row in organisations.items() if pk in seen}
    people = {person.pk: person for p in partnerships for person in p.contacts.all()}
    people.update({person.pk: person for m in meetings for person in m.participants.all()})
    people_rows = sorted(
        Person.objects.filter(pk__in=people).select_related("organisation"),
        key=lambda person: (person.last_name, person.first_name, person.email),
    )
    deliverables = (
        project.deliverables.select_related("work_package", "lead_organisation")
        .prefetch_related("contributors")
        .order_by("code")
    )
    rows = {
        "project": [fields(project, SHEETS["project"])],
        "organisations": [
            fields(organisation, SHEETS["organisations"])
            for organisation in sorted(organisations.values(), key=organisation_key)
        ],
        "people": [
            {**fields(person, SHEETS["people"]), "organisation": person_organisation}
            for person in people_rows
            for person_organisation in [organisation_key(person.organisation)]
        ],
        "partnerships": [
            {
                "organisation": organisation_key(p.organisation),
                "role": p.role,
                "contacts": keys(sorted(p.contacts.all(), key=person_key), person_key),
            }
            for p in partnerships
        ],
        "objectives": [
            fields(objective, SHEETS["objectives"])
            for objective in project.objectives.order_by("number")
        ],
        "work packages": [
            {**fields(wp, WORK_PACKAGE_FIELDS), "lead_organisation": lead}
            for wp in project.work_packages.select_related("lead_organisation").order_by("code")
            for lead in [organisation_key(wp.lead_organisation)]
        ],
        "deliverables": [deliverable_row(d) for d in deliverables],
        "meetings": [meeting_row(m) for m in meetings],
    }
    return [(title, columns, rows[title]) for title, columns in SHEETS.items()]


# Where a workbook names people by their e-mail addresses: the people sheet, and a column of two
# others. Left out, the workbook still imports back: a column left out keeps what is stored.
ADDRESSES = {"people": None, "partnerships": {"contacts"}, "meetings": {"participants"}}


def without_addresses(sheets: list[tuple[str, list[str], list[dict]]]) -> list:
    """The sheets without the people's addresses, for a reader who may not take them away."""
    return [
        (title, [column for column in columns if column not in ADDRESSES.get(title, ())], rows)
        for title, columns, rows in sheets
        if title not in ADDRESSES or ADDRESSES[title] is not None
    ]


def fields(row, names: list[str]) -> dict:
    values = {}
    for name in names:
        value = getattr(row, stored_name(type(row), name))
        values[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return values


def deliverable_row(deliverable: Deliverable) -> dict:
    return {
        **fields(deliverable, DELIVERABLE_FIELDS),
        "work_package": deliverable.work_package.code if deliverable.work_package else "",
        "lead_organisation": organisation_key(deliverable.lead_organisation),
        "contributors": keys(
            sorted(deliverable.contributors.all(), key=organisation_key), organisation_key
        ),
    }


def meeting_row(meeting: Meeting) -> dict:
    names = [
        "title", "kind", "venue", "city", "country", "is_online", "minutes",
        *version_names("title"), *version_names("venue"), *version_names("city"),
    ]  # fmt: skip
    # A meeting whose dates are to be confirmed has a month alone, as the import reads it.
    day = (lambda value: value.isoformat()) if meeting.dates_confirmed else month
    return {
        **fields(meeting, names),
        "start_date": day(meeting.start_date),
        "end_date": day(meeting.end_date),
        "host_organisation": (
            organisation_key(meeting.host_organisation) if meeting.host_organisation else ""
        ),
        "participants": keys(sorted(meeting.participants.all(), key=person_key), person_key),
    }


def month(day) -> str:
    return f"{day:%Y-%m}"

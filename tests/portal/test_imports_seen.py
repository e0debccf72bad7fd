"""What an import from the pages may find by its keys: the people and organisations the user may
see. Anyone else answers as someone not stored, and no refusal names them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import OrganisationFactory, PersonFactory
from workbooks.layout import organisation_key

pytestmark = pytest.mark.django_db

MISSING_OID = "E99999999"


@pytest.fixture
def hidden(world):
    """An organisation and a person in none of the coordinator's projects."""
    organisation = OrganisationFactory(
        name="Stiftung Digitale Chancen", short_name="SDC", country="DE", oid="E10012345"
    )
    person = PersonFactory(
        first_name="Jana", last_name="Becker", email="jana.becker@example.org",
        organisation=organisation,
    )  # fmt: skip
    return organisation, person


def preview(client, world, lines: list[str], name: str):
    content = "\n".join(lines).encode()
    response = client.post(
        f"/projects/{world.own.project.pk}/import/",
        {"workbook": SimpleUploadedFile(name, content, content_type="text/csv")},
    )
    assert response.status_code == 200
    return response


def refusals(response, sheet: str) -> list[tuple[str, str]]:
    refused = response.context["report"].sheets[sheet].refused
    return [(column, message) for _row, column, message in refused]


def meeting_with(world, participant: str) -> list[str]:
    own = world.own.people[0].email
    return [
        "start_date,end_date,title,kind,participants",
        f'2023-05-04,2023-05-05,Steering group,transnational,"{own}; {participant}"',
    ]


def deliverable_led_by(world, lead: str) -> list[str]:
    return [
        "code,title,kind,lead_organisation,due_date",
        f'D9,Toolkit,guide,"{lead}",2023-06-30',
    ]


def test_a_person_the_coordinator_may_not_see_answers_as_one_not_stored(client_as, world, hidden):
    client = client_as("coordinator")
    seen = preview(client, world, meeting_with(world, "jana.becker@example.org"), "m.csv")
    missing = preview(client, world, meeting_with(world, "nobody@example.org"), "m.csv")
    assert "Jana" not in seen.content.decode() and "Becker" not in seen.content.decode()
    assert refusals(seen, "meetings") == [
        (column, message.replace("nobody@example.org", "jana.becker@example.org"))
        for column, message in refusals(missing, "meetings")
    ]
    assert refusals(missing, "meetings")  # refused, as a person not stored is


@pytest.mark.parametrize(
    ("key", "missing_key"),
    [
        ("E10012345", MISSING_OID),
        ("Stiftung Digitale Chancen (DE)", "Nowhere Foundation (DE)"),
        ("stiftung digitale  chancen (DE)", "nowhere foundation (DE)"),  # a look-alike
    ],
    ids=["by OID", "by its exact name", "by a look-alike"],
)
def test_an_organisation_the_coordinator_may_not_see_answers_as_one_not_stored(
    client_as, world, hidden, key, missing_key
):
    client = client_as("coordinator")
    seen = preview(client, world, deliverable_led_by(world, key), "d.csv")
    missing = preview(client, world, deliverable_led_by(world, missing_key), "d.csv")
    page = seen.content.decode()
    assert "Digitale Chancen" not in page.replace(key, "")
    assert "E10012345" not in page.replace(key, "")
    assert refusals(seen, "deliverables") == [
        (column, message.replace(missing_key, key))
        for column, message in refusals(missing, "deliverables")
    ]
    assert refusals(missing, "deliverables")


def test_an_officer_is_still_told_of_the_look_alike(client_as, world, hidden):
    response = preview(
        client_as("officer"),
        world,
        deliverable_led_by(world, "stiftung digitale  chancen (DE)"),
        "d.csv",
    )
    [(column, message)] = refusals(response, "deliverables")
    assert column == "lead_organisation"
    assert "“Stiftung Digitale Chancen” (DE, OID E10012345) looks like it" in message


@pytest.mark.parametrize(
    ("row", "missing_row"),
    [
        ("E10012345,Verein,V,DE", f"{MISSING_OID},Verein,V,DE"),
        (",stiftung digitale  chancen,S,DE", ",nowhere foundation,N,DE"),  # a look-alike
    ],
    ids=["its OID", "a look-alike of its name"],
)
def test_an_organisation_row_naming_a_hidden_one_answers_as_a_new_one(
    client_as, world, hidden, row, missing_row
):
    client = client_as("coordinator")
    header = "oid,name,short_name,country,city,type"
    seen, missing = (
        preview(client, world, [header, f"{cells},Berlin,other"], "o.csv")
        for cells in (row, missing_row)
    )
    assert refusals(seen, "organisations") == refusals(missing, "organisations")
    assert refusals(missing, "organisations")  # a new organisation is the officers' to add
    assert "Digitale Chancen" not in seen.content.decode()


def test_a_row_of_a_sheet_only_officers_write_is_refused_for_that_before_its_values(
    client_as, world
):
    client = client_as("coordinator")
    organisation = organisation_key(world.own.people[0].organisation)
    header = "email,first_name,last_name,job_title,organisation,preferred_language"
    row = 'newcomer@example.org,{first_name},Comer,,"{organisation}",fr'
    wrong, right = (
        preview(client, world, [header, row.format(organisation=organisation, first_name=name)],
                "p.csv")
        for name in ("N" * 300, "New")  # a value the model refuses, and a right one
    )  # fmt: skip
    assert refusals(wrong, "people") == refusals(right, "people")
    [(_column, message)] = refusals(right, "people")
    assert message.startswith("Only project officers may change the people sheet's rows")


def test_an_address_stored_for_someone_unseen_answers_as_an_unknown_one(client_as, world, hidden):
    client = client_as("coordinator")
    organisation = organisation_key(world.own.people[0].organisation)
    header = "email,first_name,last_name,job_title,organisation,preferred_language"
    seen, missing = (
        preview(client, world, [header, f'{address},X,Y,,"{organisation}",fr'], "p.csv")
        for address in ("jana.becker@example.org", "nobody@example.org")
    )
    assert refusals(seen, "people") == refusals(missing, "people")
    assert len(refusals(seen, "people")) == 1

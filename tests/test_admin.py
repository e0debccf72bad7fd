"""The back office as a project officer (staff, in the officers' group, not a superuser) uses it."""

from datetime import date

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from deliverables.models import Deliverable
from projects.models import Objective, ObjectiveStatusChange, Partnership, Project
from reminders.models import Digest, ReminderRun
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

TRACKER_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"partners", "projects", "deliverables", "meetings"}
]


@pytest.fixture
def officer_client(demo, client):
    client.force_login(get_user_model().objects.get(username="officer"))
    return client


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", TRACKER_MODELS, ids=lambda m: m._meta.label)
def test_every_list_and_change_page_renders_for_an_officer(officer_client, model):
    listing = officer_client.get(admin_url(model, "changelist"))
    assert listing.status_code == 200
    instance = model.objects.order_by("pk").first()
    assert instance is not None, f"the demo data has no {model._meta.label}"
    change = officer_client.get(admin_url(model, "change", instance.pk))
    assert change.status_code == 200
    add = officer_client.get(admin_url(model, "add"))
    assert add.status_code in (200, 403)  # the status history is read-only


@pytest.mark.parametrize(
    "query",
    ["late=yes", "late=no", "status__exact=planned", "q=Vademecum", "due_date__year=2018"],
)
def test_the_deliverables_list_filters_and_searches(officer_client, query):
    response = officer_client.get(admin_url(Deliverable, "changelist") + "?" + query)
    assert response.status_code == 200  # a filter the admin did not know would redirect to ?e=1


def test_the_late_filter_lists_only_late_deliverables(officer_client):
    response = officer_client.get(admin_url(Deliverable, "changelist") + "?late=yes")
    shown = {d.code for d in response.context["cl"].result_list}
    assert "IO2" in shown  # the Vademecum was due in November 2018 and is not handed in
    assert "D1.1" not in shown  # approved


def test_searching_the_projects_finds_them_by_acronym(officer_client):
    response = officer_client.get(admin_url(Project, "changelist") + "?q=dimesca")
    assert [p.acronym for p in response.context["cl"].result_list] == ["DIMESCA"]


def objective_form_data(objective, **changes):
    data = {
        "project": objective.project_id,
        "number": objective.number,
        "title_en": objective.title,
        "description": objective.description,
        "status": objective.status,
        "status_comment": "",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_an_officer_changing_a_status_in_the_admin_leaves_history(officer_client):
    objective = Objective.objects.get(project__acronym="COCADE", number=4)
    response = officer_client.post(
        admin_url(Objective, "change", objective.pk),
        objective_form_data(objective, status="achieved", status_comment="Validated in Torino."),
    )
    assert response.status_code == 302, response.context["errors"]

    change = objective.status_changes.get()
    assert (change.from_status, change.to_status) == ("in_progress", "achieved")
    assert change.changed_by.username == "officer"
    assert change.comment == "Validated in Torino."
    history_page = officer_client.get(admin_url(Objective, "change", objective.pk))
    assert "Validated in Torino." in history_page.content.decode()


def test_editing_an_objective_title_records_no_status_change(officer_client):
    objective = Objective.objects.get(project__acronym="COCADE", number=5)
    officer_client.post(
        admin_url(Objective, "change", objective.pk),
        objective_form_data(objective, title_en="Consolidate soft skills"),
    )
    objective.refresh_from_db()
    assert objective.title == "Consolidate soft skills"
    assert objective.status_changes.count() == 0


def project_form_data(project):
    """The project's change form as the browser posts it, unchanged."""
    data = {
        field: getattr(project, field) or ""
        for field in [
            "acronym",
            "title_en",
            "action",
            "status",
            "description",
            "website",
            "reference_number",
            "national_agency",
            "eu_grant",
            "start_date",
            "end_date",
            "interim_report_due",
        ]
    }
    data["officer"] = project.officer_id or ""
    for lead_times in ("deadline_reminder_days", "meeting_reminder_days"):
        data[lead_times] = ", ".join(str(days) for days in getattr(project, lead_times))
    partnerships = list(project.partnerships.all())
    data.update(
        {
            "partnerships-TOTAL_FORMS": str(len(partnerships)),
            "partnerships-INITIAL_FORMS": str(len(partnerships)),
        }
    )
    for i, p in enumerate(partnerships):
        data.update(
            {
                f"partnerships-{i}-id": p.pk,
                f"partnerships-{i}-project": project.pk,
                f"partnerships-{i}-organisation": p.organisation_id,
                f"partnerships-{i}-role": p.role,
                f"partnerships-{i}-contacts": [c.pk for c in p.contacts.all()],
            }
        )
    objectives = list(project.objectives.all())
    data.update(
        {
            "objectives-TOTAL_FORMS": str(len(objectives)),
            "objectives-INITIAL_FORMS": str(len(objectives)),
        }
    )
    for i, o in enumerate(objectives):
        data.update(
            {
                f"objectives-{i}-id": o.pk,
                f"objectives-{i}-project": project.pk,
                f"objectives-{i}-number": o.number,
                f"objectives-{i}-title": o.title,
                f"objectives-{i}-status": o.status,
            }
        )
    return data


def test_a_status_changed_in_the_projects_objective_list_leaves_history(officer_client):
    project = Project.objects.get(acronym="COCADE")
    data = project_form_data(project)
    data["objectives-6-status"] = "at_risk"  # objective 7
    response = officer_client.post(admin_url(Project, "change", project.pk), data)
    assert response.status_code == 302, response.context["errors"]

    objective = project.objectives.get(number=7)
    assert objective.status == "at_risk"
    change = objective.status_changes.get()
    assert change.changed_by.username == "officer"
    assert change.from_status == "in_progress"
    # Only the objective whose status moved gets a new line of history.
    assert ObjectiveStatusChange.objects.filter(changed_by__username="officer").count() == 1


def test_a_partner_that_leads_work_cannot_be_removed_from_the_project(officer_client):
    project = Project.objects.get(acronym="COCADE")
    data = project_form_data(project)
    paris = project.partnerships.get(organisation__short_name="CdM Paris")
    index = list(project.partnerships.all()).index(paris)
    data[f"partnerships-{index}-DELETE"] = "on"
    response = officer_client.post(admin_url(Project, "change", project.pk), data)
    assert response.status_code == 200
    assert "hand that work to another partner" in response.content.decode()
    assert Partnership.objects.filter(pk=paris.pk).exists()


def test_a_second_coordinator_is_refused_with_a_message(officer_client):
    project = Project.objects.get(acronym="COCADE")
    data = project_form_data(project)
    marseille = list(project.partnerships.all()).index(
        project.partnerships.get(organisation__short_name="CdM Marseille")
    )
    data[f"partnerships-{marseille}-role"] = "coordinator"
    response = officer_client.post(admin_url(Project, "change", project.pk), data)
    assert response.status_code == 200
    assert "exactly one coordinator; 2 are marked" in response.content.decode()
    assert project.partnerships.filter(role="coordinator").count() == 1


def test_a_project_without_a_coordinator_is_refused_with_a_message(officer_client):
    project = Project.objects.get(acronym="COCADE")
    data = project_form_data(project)
    network = list(project.partnerships.all()).index(project.partnerships.get(role="coordinator"))
    data[f"partnerships-{network}-role"] = "partner"
    response = officer_client.post(admin_url(Project, "change", project.pk), data)
    assert "exactly one coordinator; 0 are marked" in response.content.decode()


def test_a_deliverable_due_after_the_project_is_refused_in_the_admin(officer_client):
    vademecum = Deliverable.objects.get(project__acronym="COCADE", code="IO2")
    response = officer_client.post(
        admin_url(Deliverable, "change", vademecum.pk),
        {
            "project": vademecum.project_id,
            "code": "IO2",
            "title_en": vademecum.title,
            "kind": vademecum.kind,
            "lead_organisation": vademecum.lead_organisation_id,
            "due_date": "2019-06-30",
            "status": vademecum.status,
            "contributions-TOTAL_FORMS": "0",
            "contributions-INITIAL_FORMS": "0",
            "submissions-TOTAL_FORMS": "0",
            "submissions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "within the project&#x27;s period" in response.content.decode()
    vademecum.refresh_from_db()
    assert str(vademecum.due_date) == "2018-11-30"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reminders/reminderrun/",
        "/admin/reminders/digest/?status__exact=failed",
        "/admin/reminders/reminder/",
        "/admin/newsletters/newsletterissue/",
        "/admin/newsletters/newsletterissue/add/",
        "/admin/newsletters/subscriber/",
        "/admin/newsletters/delivery/",
    ],
)
def test_the_reminder_and_newsletter_pages_open_for_an_officer(officer_client, url):
    assert officer_client.get(url).status_code == 200


def test_an_officer_sets_the_officer_in_charge_and_lead_times_in_the_admin(officer_client):
    project = Project.objects.get(acronym="COCADE")
    data = project_form_data(project)
    data["deadline_reminder_days"] = "45, 15, 3"
    data["meeting_reminder_days"] = "10"
    response = officer_client.post(admin_url(Project, "change", project.pk), data)
    assert response.status_code == 302, response.context["errors"]
    project.refresh_from_db()
    assert project.deadline_reminder_days == [45, 15, 3]
    assert project.meeting_reminder_days == [10]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("deadline_reminder_days", "soon", "Write whole numbers of days separated by commas"),
        ("deadline_reminder_days", "15, ²", "Write whole numbers of days separated by commas"),
        ("meeting_reminder_days", "0, 2", "0 is not a number of days between 1 and 365."),
        ("deadline_reminder_days", "30, ¹⁴", "Write whole numbers of days separated by commas"),
        ("meeting_reminder_days", "9" * 5000, "Write whole numbers of days separated by commas"),
        ("interim_report_due", "2099-12-31", "The interim report cannot be due after the end."),
        ("officer", "coordinator", "The officer in charge must be an active project officer."),
    ],
)
def test_the_admin_refuses_bad_lead_times_and_officers_with_the_pages_words(
    officer_client, field, value, words
):
    project = Project.objects.get(acronym="COCADE")
    data = project_form_data(project)
    if field == "officer":
        value = get_user_model().objects.get(username=value).pk
    data[field] = value
    response = officer_client.post(admin_url(Project, "change", project.pk), data)
    assert response.status_code == 200
    # A login that is no officer is not even offered: the choice is refused as unknown.
    refusal = "Select a valid choice" if field == "officer" else words
    assert refusal in response.content.decode()
    assert Project.objects.get(pk=project.pk).officer.username == "officer"


def test_a_digest_is_not_deleted_by_hand(officer_client):
    """Its reminders name its run and recipient: deleted, they would never be sent."""
    digest = Digest.objects.create(run=ReminderRun.objects.create(day=date(2018, 11, 23)),
                                   recipient=PersonFactory())  # fmt: skip
    delete = reverse("admin:reminders_digest_delete", args=[digest.pk])
    assert officer_client.post(delete, {"post": "yes"}).status_code == 403
    officer_client.post(
        reverse("admin:reminders_digest_changelist"),
        {"action": "delete_selected", "_selected_action": [digest.pk], "post": "yes"},
    )
    assert Digest.objects.filter(pk=digest.pk).exists()
    page = officer_client.get(reverse("admin:reminders_digest_change", args=[digest.pk]))
    assert delete not in page.content.decode()


def test_a_person_who_had_digests_is_still_deleted_in_the_admin(officer_client):
    """Deleting a person takes their digests along: that is not deleting one by hand."""
    person = PersonFactory()
    Digest.objects.create(run=ReminderRun.objects.create(day=date(2018, 11, 23)), recipient=person)
    delete = reverse("admin:partners_person_delete", args=[person.pk])
    assert officer_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Digest.objects.filter(recipient_id=person.pk).exists()

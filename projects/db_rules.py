"""The revisions of projects and of the network, and every table whose rows show on the kept
pages (common.touches).

A cached page is keyed on its project's revision, so a table missing here would leave pages
showing what it held before a change: `tests/projects/test_revision.py` renders the project page
and fails on any table it reads that is not listed (or named there as not the project's).
"""

from common.touches import NETWORK, PROJECTS, NetworkTouch, ProjectTouch, Revision

DIRECT = "SELECT r.project_id FROM {rows} r"


def through(table: str, column: str, key: str = "id") -> str:
    """Rows that reach their project through `column`, a key of `table` that has project_id."""
    return f"SELECT t.project_id FROM {{rows}} r JOIN {table} t ON t.{key} = r.{column}"


# The network's own meetings belong to no project, yet show on pages that gather across projects
# (the officers' dashboard, one's own action items): they stamp the network's revision.
NETWORK_MEETING = "SELECT 1 FROM {rows} r WHERE r.project_id IS NULL"
OF_A_NETWORK_MEETING = (
    "SELECT 1 FROM {rows} r JOIN meetings_meeting m ON m.id = r.meeting_id"
    " WHERE m.project_id IS NULL"
)


RULES = [
    Revision(PROJECTS),
    Revision(NETWORK),
    ProjectTouch("projects_partnership", DIRECT),
    ProjectTouch(
        "projects_partnership_contacts", through("projects_partnership", "partnership_id")
    ),
    ProjectTouch("projects_objective", DIRECT),
    ProjectTouch("projects_objectivestatuschange", through("projects_objective", "objective_id")),
    # An organisation shows as a partner and as a meeting's host.
    ProjectTouch(
        "partners_organisation",
        through("projects_partnership", "id", key="organisation_id")
        + " UNION "
        + through("meetings_meeting", "id", key="host_organisation_id"),
    ),
    ProjectTouch("deliverables_workpackage", DIRECT),
    ProjectTouch("deliverables_deliverable", DIRECT),
    ProjectTouch(
        "deliverables_contribution", through("deliverables_deliverable", "deliverable_id")
    ),
    ProjectTouch("deliverables_submission", through("deliverables_deliverable", "deliverable_id")),
    ProjectTouch("deliverables_review", through("deliverables_deliverable", "deliverable_id")),
    ProjectTouch("meetings_meeting", DIRECT, network_if=NETWORK_MEETING),
    *(
        ProjectTouch(
            table,
            through("meetings_meeting", "meeting_id"),
            network_if=OF_A_NETWORK_MEETING,
        )
        for table in (
            "meetings_meeting_participants",
            "meetings_actionitem",
            "meetings_guest",
            "meetings_signedsheet",
            "meetings_onlinesignin",
        )
    ),
    ProjectTouch("grants_budget", DIRECT),
    ProjectTouch("grants_headingamount", through("grants_budget", "budget_id")),
    ProjectTouch("grants_lumpsumshare", through("grants_budget", "budget_id")),
    ProjectTouch("outreach_disseminationentry", DIRECT),
    ProjectTouch("outreach_result", DIRECT),
    ProjectTouch("activity_event", DIRECT),
    # The officers' dashboard lists the newsletter's issues (not their text or their sending).
    NetworkTouch(
        "newsletters_newsletterissue", columns=("period_start", "period_end", "language", "status")
    ),
    # The programme's figures, which every budget is reckoned with.
    NetworkTouch("grants_unitcostrate"),
    NetworkTouch("grants_allowedlumpsum"),
    # Names show on every page that names people or organisations (contacts, owners, officers,
    # who did what, one's employer on My work, which also lists what the employer leads); a
    # login, which rewrites last_login, or a changed e-mail address touches nothing.
    NetworkTouch("partners_organisation", columns=("name", "short_name")),
    NetworkTouch(
        "partners_person", columns=("first_name", "last_name", "user_id", "organisation_id")
    ),
    NetworkTouch("auth_user", columns=("first_name", "last_name", "username")),
]

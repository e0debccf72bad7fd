"""The outreach rules the database enforces itself (see common.db_rules)."""

from common.db_rules import RowRule

PARTNER_OF_PROJECT = """EXISTS (
    SELECT 1 FROM projects_partnership pp
    WHERE pp.project_id = NEW.project_id AND pp.organisation_id = NEW.organisation_id
)"""

RULES = [
    RowRule(
        name="dissemination_by_partner",
        table="outreach_disseminationentry",
        condition=PARTNER_OF_PROJECT,
        message="A dissemination entry's organisation must be a partner of its project.",
    ),
    RowRule(
        name="result_by_partner",
        table="outreach_result",
        condition=PARTNER_OF_PROJECT,
        message="A result's organisation must be a partner of its project.",
    ),
    RowRule(
        name="result_deliverable_in_project",
        table="outreach_result",
        condition="""NEW.deliverable_id IS NULL OR EXISTS (
            SELECT 1 FROM deliverables_deliverable d
            WHERE d.id = NEW.deliverable_id AND d.project_id = NEW.project_id
        )""",
        message="A result's deliverable must belong to the same project.",
    ),
]

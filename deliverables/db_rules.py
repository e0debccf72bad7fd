"""Work-plan rules the database enforces itself (see common.db_rules)."""

from common.db_rules import RowRule

RULES = [
    RowRule(
        name="deliverable_due_in_project_period",
        table="deliverables_deliverable",
        condition="""EXISTS (
            SELECT 1 FROM projects_project p
            WHERE p.id = NEW.project_id AND NEW.due_date BETWEEN p.start_date AND p.end_date
        )""",
        message="A deliverable must be due within its project's period.",
    ),
    RowRule(
        name="deliverable_lead_is_partner",
        table="deliverables_deliverable",
        condition="""EXISTS (
            SELECT 1 FROM projects_partnership pp
            WHERE pp.project_id = NEW.project_id AND pp.organisation_id = NEW.lead_organisation_id
        )""",
        message="A deliverable's lead must be a partner of its project.",
    ),
    RowRule(
        name="deliverable_work_package_in_project",
        table="deliverables_deliverable",
        condition="""NEW.work_package_id IS NULL OR EXISTS (
            SELECT 1 FROM deliverables_workpackage w
            WHERE w.id = NEW.work_package_id AND w.project_id = NEW.project_id
        )""",
        message="A deliverable's work package must belong to the same project.",
    ),
    RowRule(
        name="work_package_lead_is_partner",
        table="deliverables_workpackage",
        condition="""EXISTS (
            SELECT 1 FROM projects_partnership pp
            WHERE pp.project_id = NEW.project_id AND pp.organisation_id = NEW.lead_organisation_id
        )""",
        message="A work package's lead must be a partner of its project.",
    ),
    RowRule(
        name="contribution_is_partner",
        table="deliverables_contribution",
        condition="""EXISTS (
            SELECT 1 FROM deliverables_deliverable d
            JOIN projects_partnership pp ON pp.project_id = d.project_id
            WHERE d.id = NEW.deliverable_id AND pp.organisation_id = NEW.organisation_id
        )""",
        message="A contributing organisation must be a partner of the deliverable's project.",
    ),
    RowRule(
        name="project_period_covers_deliverables",
        table="projects_project",
        condition="""NOT EXISTS (
            SELECT 1 FROM deliverables_deliverable d
            WHERE d.project_id = NEW.id
              AND d.due_date NOT BETWEEN NEW.start_date AND NEW.end_date
        )""",
        message="The project's period must cover the due dates of its deliverables.",
    ),
]

"""Budget rules the database enforces itself (see common.db_rules): an associated partner
receives no part of the grant, whichever of its rows is written last, the amount or the role.
grants.services refuses it first, with the names to move the money from."""

from common.db_rules import RowRule

ASSOCIATED_IN_BUDGET = """NOT EXISTS (
    SELECT 1 FROM grants_budget b
    JOIN projects_partnership pp ON pp.project_id = b.project_id
    WHERE b.id = NEW.budget_id AND pp.organisation_id = NEW.organisation_id
    AND pp.role = 'associated'
)"""

RULES = [
    RowRule(
        name="lump_sum_share_not_associated",
        table="grants_lumpsumshare",
        condition=f"NEW.amount = 0 OR {ASSOCIATED_IN_BUDGET}",
        message="An associated partner receives no part of the grant.",
    ),
    RowRule(
        name="heading_amount_not_associated",
        table="grants_headingamount",
        condition=f"NEW.amount = 0 OR {ASSOCIATED_IN_BUDGET}",
        message="An associated partner receives no part of the grant.",
    ),
    RowRule(
        name="associated_partner_holds_no_money",
        table="projects_partnership",
        condition="""NEW.role <> 'associated' OR (
            NOT EXISTS (
                SELECT 1 FROM grants_budget b
                JOIN grants_lumpsumshare s ON s.budget_id = b.id
                WHERE b.project_id = NEW.project_id AND s.organisation_id = NEW.organisation_id
                AND s.amount > 0
            ) AND NOT EXISTS (
                SELECT 1 FROM grants_budget b
                JOIN grants_headingamount h ON h.budget_id = b.id
                WHERE b.project_id = NEW.project_id AND h.organisation_id = NEW.organisation_id
                AND h.amount > 0
            )
        )""",
        message="An associated partner receives no part of the grant: move its budget amounts "
        "to the full partners first.",
    ),
]

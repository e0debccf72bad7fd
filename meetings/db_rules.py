"""Meeting rules the database enforces itself (see common.db_rules)."""

from common.db_rules import RowRule

RULES = [
    RowRule(
        name="action_item_owner_in_project",
        table="meetings_actionitem",
        condition="""NOT EXISTS (
            SELECT 1 FROM meetings_meeting m
            WHERE m.id = NEW.meeting_id
              AND m.project_id IS NOT NULL
              AND NOT EXISTS (
                  SELECT 1 FROM projects_partnership pp
                  JOIN partners_person pe ON pe.organisation_id = pp.organisation_id
                  WHERE pp.project_id = m.project_id AND pe.id = NEW.owner_id
              )
        )""",
        message="An action item's owner must work for a partner of the meeting's project.",
    ),
    RowRule(
        name="meeting_participant_in_project",
        table="meetings_meeting_participants",
        condition="""NOT EXISTS (
            SELECT 1 FROM meetings_meeting m
            WHERE m.id = NEW.meeting_id
              AND m.project_id IS NOT NULL
              AND NOT EXISTS (
                  SELECT 1 FROM projects_partnership pp
                  JOIN partners_person pe ON pe.organisation_id = pp.organisation_id
                  WHERE pp.project_id = m.project_id AND pe.id = NEW.person_id
              )
        )""",
        message="A participant of a project's meeting must work for one of its partners.",
    ),
]

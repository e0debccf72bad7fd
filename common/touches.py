"""Touches: the database gives a project a new revision whenever a row it shows changes.

A page kept in the cache under a project's revision (common.page_cache) is right for exactly as
long as that revision stands, so the revision must change with every row behind the page,
whatever writes it: a form, the API, the admin, an import, a bulk update, a cascade, raw SQL.
Signals would miss the bulk paths; triggers do not. They are installed and dropped with the row
rules (common.db_rules: same prefix, same `create_statements`), after every `migrate`.

The revision itself is set by one trigger on the project's row (`ProjectRevision`): the time of
the change in microseconds, and always more than the revision before. Whatever a writer sends
is ignored (Django's `save()` writes back the revision it loaded, which may be older than the
stored one), and a restored backup never goes back to a revision a cache may still hold. Every
touch only rewrites the revision of the projects concerned, which fires that trigger.

On PostgreSQL a touch runs once per statement and reads the statement's rows from its
transition tables, so an import of 10,000 deliverables stamps its project once; SQLite has only
row triggers.
"""

import re
from dataclasses import dataclass

from .db_rules import PREFIX

PROJECTS = "projects_project"
# Rewriting the revision fires ProjectRevision, which works out the new value.
STAMP = f"UPDATE {PROJECTS} SET revision = revision"
EVENTS = ("INSERT", "UPDATE", "DELETE")


def _now_in_microseconds(vendor: str) -> str:
    if vendor == "postgresql":
        return "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint"
    # julianday counts days from noon on 24 November 4714 BC; 2440587.5 of them reach 1970.
    return "CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)"


def _vendor_check(vendor: str) -> None:
    if vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"Touches are written for SQLite and PostgreSQL, not {vendor}.")


@dataclass(frozen=True)
class ProjectRevision:
    """A project row that is written gets a new revision, later than the one it had."""

    name: str = "project_revision"
    table: str = PROJECTS

    @property
    def trigger(self) -> str:
        return PREFIX + self.name

    def create_statements(self, vendor: str) -> list[str]:
        _vendor_check(vendor)
        now = _now_in_microseconds(vendor)
        if vendor == "postgresql":
            return [
                f"""
                CREATE OR REPLACE FUNCTION {self.trigger}() RETURNS trigger AS $touch$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        NEW.revision := {now};
                    ELSE
                        NEW.revision := greatest(OLD.revision + 1, {now});
                    END IF;
                    RETURN NEW;
                END
                $touch$ LANGUAGE plpgsql
                """,
                f"""
                CREATE TRIGGER {self.trigger} BEFORE INSERT OR UPDATE ON {self.table}
                FOR EACH ROW EXECUTE FUNCTION {self.trigger}()
                """,
            ]
        # SQLite cannot change NEW: the row is written again after. A trigger does not fire
        # itself again (recursive_triggers is off, SQLite's default).
        return [
            f"""
            CREATE TRIGGER {self.trigger}_insert AFTER INSERT ON {self.table} FOR EACH ROW
            BEGIN UPDATE {self.table} SET revision = {now} WHERE id = NEW.id; END
            """,
            f"""
            CREATE TRIGGER {self.trigger}_update AFTER UPDATE ON {self.table} FOR EACH ROW
            BEGIN
                UPDATE {self.table} SET revision = max(OLD.revision + 1, {now})
                WHERE id = NEW.id;
            END
            """,
        ]


@dataclass(frozen=True)
class ProjectTouch:
    """Rows of `table` belong to the projects that `projects` selects: a SELECT of project ids
    from the changed rows, named `{rows} r` (the new rows, and the old ones of an update or a
    delete), e.g. `SELECT d.project_id FROM {rows} r JOIN deliverables_deliverable d ON d.id =
    r.deliverable_id`."""

    table: str
    projects: str

    @property
    def trigger(self) -> str:
        return f"{PREFIX}touch_{self.table}"

    def _columns(self) -> list[str]:
        return sorted(set(re.findall(r"\br\.(\w+)", self.projects)))

    def create_statements(self, vendor: str) -> list[str]:
        _vendor_check(vendor)
        return [
            statement
            for event in EVENTS
            for statement in (
                self._postgresql(event) if vendor == "postgresql" else self._sqlite(event)
            )
        ]

    def _postgresql(self, event: str) -> list[str]:
        trigger = f"{self.trigger}_{event.lower()}"
        sides = {"INSERT": ["new_rows"], "UPDATE": ["new_rows", "old_rows"]}.get(
            event, ["old_rows"]
        )
        referencing = " ".join(f"{side.split('_')[0].upper()} TABLE AS {side}" for side in sides)
        projects = " UNION ".join(self.projects.format(rows=side) for side in sides)
        return [
            f"""
            CREATE OR REPLACE FUNCTION {trigger}() RETURNS trigger AS $touch$
            BEGIN
                {STAMP} WHERE id IN ({projects});
                RETURN NULL;
            END
            $touch$ LANGUAGE plpgsql
            """,
            f"""
            CREATE TRIGGER {trigger} AFTER {event} ON {self.table}
            REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {trigger}()
            """,
        ]

    def _sqlite(self, event: str) -> list[str]:
        sides = {"INSERT": ["NEW"], "UPDATE": ["NEW", "OLD"]}.get(event, ["OLD"])
        projects = " UNION ".join(self.projects.format(rows=self._row(side)) for side in sides)
        return [
            f"""
            CREATE TRIGGER {self.trigger}_{event.lower()} AFTER {event} ON {self.table}
            FOR EACH ROW BEGIN {STAMP} WHERE id IN ({projects}); END
            """
        ]

    def _row(self, side: str) -> str:
        """The changed row as a one-row table, so the same SELECT reads it."""
        return "(SELECT " + ", ".join(f"{side}.{c} AS {c}" for c in self._columns()) + ")"


@dataclass(frozen=True)
class NetworkTouch:
    """A change of `table` may show on any project's page (a person's name, a unit cost): every
    project gets a new revision. With `columns`, only an update that changes one of them does;
    without, any insert, update or delete does. Such rows change seldom."""

    table: str
    columns: tuple[str, ...] = ()

    @property
    def trigger(self) -> str:
        return f"{PREFIX}touch_all_{self.table}"

    def create_statements(self, vendor: str) -> list[str]:
        _vendor_check(vendor)
        events = ("UPDATE",) if self.columns else EVENTS
        if vendor == "postgresql":
            changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in self.columns)
            each = f"FOR EACH ROW WHEN ({changed})" if self.columns else "FOR EACH STATEMENT"
            return [
                f"""
                CREATE OR REPLACE FUNCTION {self.trigger}() RETURNS trigger AS $touch$
                BEGIN {STAMP}; RETURN NULL; END
                $touch$ LANGUAGE plpgsql
                """,
                f"""
                CREATE TRIGGER {self.trigger} AFTER {" OR ".join(events)} ON {self.table}
                {each} EXECUTE FUNCTION {self.trigger}()
                """,
            ]
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in self.columns)
        when = f"WHEN {changed}" if self.columns else ""
        return [
            f"""
            CREATE TRIGGER {self.trigger}_{event.lower()} AFTER {event} ON {self.table}
            FOR EACH ROW {when} BEGIN {STAMP}; END
            """
            for event in events
        ]

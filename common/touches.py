"""Touches: the database gives a project a new revision whenever a row it shows changes.

A page kept in the cache under a project's revision (common.page_cache) is right for exactly as
long as that revision stands, so the revision must change with every row behind the page,
whatever writes it: a form, the API, the admin, an import, a bulk update, a cascade, raw SQL.
Signals would miss the bulk paths; triggers do not. They are installed and dropped with the row
rules (common.db_rules: same prefix, same `create_statements`), after every `migrate`.

What may show on any page (a person's name, a unit cost, the network's own meetings) stamps one
row instead, the network's revision, which every kept page's key also holds: a rename then
rewrites one row, not every project's, and waits on no project's writers.

A revision is set by one trigger on its row (`Revision`): the time of the change in
microseconds, and always more than the revision before. Whatever a writer sends is ignored
(Django's `save()` writes back the revision it loaded, which may be older than the stored one).
Every touch only rewrites the revision of the rows concerned, which fires that trigger. A
touch holds its project's row until the transaction ends, so two transactions writing to one
project follow each other.

On PostgreSQL a touch runs once per statement and reads the statement's rows from its
transition tables, so an import of 10,000 deliverables stamps its project once; SQLite has only
row triggers.
"""

import re
from dataclasses import dataclass

from .db_rules import PREFIX

PROJECTS = "projects_project"
NETWORK = "projects_networkrevision"
EVENTS = ("INSERT", "UPDATE", "DELETE")


def stamp(table: str) -> str:
    """Rewriting a revision fires its Revision trigger, which works out the new value."""
    return f"UPDATE {table} SET revision = revision"


def _now_in_microseconds(vendor: str) -> str:
    if vendor == "postgresql":
        return "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint"
    # julianday counts days from noon on 24 November 4714 BC; 2440587.5 of them reach 1970.
    return "CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)"


def _vendor_check(vendor: str) -> None:
    if vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"Touches are written for SQLite and PostgreSQL, not {vendor}.")


class Touch:
    """What touches share: they are installed only once the revisions they write exist (a
    migration taken back removes the column, and the triggers must not outlive it)."""

    needs = ((PROJECTS, "revision"), (NETWORK, "revision"))


@dataclass(frozen=True)
class Revision(Touch):
    """A row of `table` that is written gets a new revision, later than the one it had."""

    table: str

    @property
    def trigger(self) -> str:
        return f"{PREFIX}revision_{self.table}"

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

    def after_install(self) -> list[str]:
        """Writes made while `migrate` had the triggers away touched nothing: every row of
        the table gets a new revision once they are back. The network's one row is made again
        if something took it away (`flush` empties every table, then installs the rules)."""
        missing = [
            f"INSERT INTO {NETWORK} (id, revision) SELECT 1, 0"
            f" WHERE NOT EXISTS (SELECT 1 FROM {NETWORK} WHERE id = 1)"
        ]
        return [*(missing if self.table == NETWORK else []), stamp(self.table)]


@dataclass(frozen=True)
class ProjectTouch(Touch):
    """Rows of `table` belong to the projects that `projects` selects: a SELECT of project ids
    from the changed rows, named `{rows} r` (the new rows, and the old ones of an update or a
    delete), e.g. `SELECT d.project_id FROM {rows} r JOIN deliverables_deliverable d ON d.id =
    r.deliverable_id`. Rows for which `network_if` (a SELECT over `{rows} r`) finds anything
    belong to the network, and stamp its revision."""

    table: str
    projects: str
    network_if: str = ""

    @property
    def trigger(self) -> str:
        return f"{PREFIX}touch_{self.table}"

    def _columns(self) -> list[str]:
        return sorted(set(re.findall(r"\br\.(\w+)", f"{self.projects} {self.network_if}")))

    def create_statements(self, vendor: str) -> list[str]:
        _vendor_check(vendor)
        return [
            statement
            for event in EVENTS
            for statement in (
                self._postgresql(event) if vendor == "postgresql" else self._sqlite(event)
            )
        ]

    def _stamps(self, sides: list[str]) -> str:
        projects = " UNION ".join(self.projects.format(rows=side) for side in sides)
        stamps = f"{stamp(PROJECTS)} WHERE id IN ({projects});"
        if self.network_if:
            found = " UNION ".join(self.network_if.format(rows=side) for side in sides)
            stamps += f" {stamp(NETWORK)} WHERE EXISTS ({found});"
        return stamps

    def _postgresql(self, event: str) -> list[str]:
        trigger = f"{self.trigger}_{event.lower()}"
        sides = {"INSERT": ["new_rows"], "UPDATE": ["new_rows", "old_rows"]}.get(
            event, ["old_rows"]
        )
        referencing = " ".join(f"{side.split('_')[0].upper()} TABLE AS {side}" for side in sides)
        return [
            f"""
            CREATE OR REPLACE FUNCTION {trigger}() RETURNS trigger AS $touch$
            BEGIN
                {self._stamps(sides)}
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
        return [
            f"""
            CREATE TRIGGER {self.trigger}_{event.lower()} AFTER {event} ON {self.table}
            FOR EACH ROW BEGIN {self._stamps([self._row(side) for side in sides])} END
            """
        ]

    def _row(self, side: str) -> str:
        """The changed row as a one-row table, so the same SELECT reads it."""
        return "(SELECT " + ", ".join(f"{side}.{c} AS {c}" for c in self._columns()) + ")"


@dataclass(frozen=True)
class NetworkTouch(Touch):
    """A change of `table` may show on any page (a person's name, a unit cost): the network's
    revision is stamped by every insert and delete, and by an update that changes one of
    `columns` (any update without `columns`)."""

    table: str
    columns: tuple[str, ...] = ()

    @property
    def trigger(self) -> str:
        return f"{PREFIX}touch_network_{self.table}"

    def create_statements(self, vendor: str) -> list[str]:
        _vendor_check(vendor)
        if vendor == "postgresql":
            changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in self.columns)
            # Row by row when only some columns count; a bulk rename of a thousand people
            # stamps the network a thousand times over one row, which is cheap.
            updates = f"FOR EACH ROW WHEN ({changed})" if self.columns else "FOR EACH STATEMENT"
            return [
                *self._postgresql(f"{self.trigger}_update", "UPDATE", updates),
                *self._postgresql(f"{self.trigger}_rows", "INSERT OR DELETE", "FOR EACH STATEMENT"),
            ]
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in self.columns)
        return [
            f"""
            CREATE TRIGGER {self.trigger}_{event.lower()} AFTER {event} ON {self.table}
            FOR EACH ROW {when} BEGIN {stamp(NETWORK)}; END
            """
            for event, when in (
                ("INSERT", ""),
                ("DELETE", ""),
                ("UPDATE", f"WHEN {changed}" if self.columns else ""),
            )
        ]

    def _postgresql(self, trigger: str, events: str, each: str) -> list[str]:
        return [
            f"""
            CREATE OR REPLACE FUNCTION {trigger}() RETURNS trigger AS $touch$
            BEGIN {stamp(NETWORK)}; RETURN NULL; END
            $touch$ LANGUAGE plpgsql
            """,
            f"""
            CREATE TRIGGER {trigger} AFTER {events} ON {self.table}
            {each} EXECUTE FUNCTION {trigger}()
            """,
        ]

"""Row rules that span tables, enforced by the database itself.

A CHECK constraint cannot look at another table, so rules such as "a deliverable's lead must be a
partner of its project" are triggers. They guard every path that writes rows (the admin, the API,
bulk loads, raw SQL), while `full_clean()` gives people the friendly message first.

Each app lists its rules in `<app>/db_rules.py` as `RULES`. They are not migrations: `migrate`
drops every rule before it runs and installs them all again afterwards, because SQLite rebuilds a
table to alter it, and a trigger that names the table (or sits on it) breaks or vanishes in the
rebuild. So the rules always match the code, on SQLite and PostgreSQL alike.

A condition is one SQL boolean over the new row (`NEW.column`) that reads the same in both
databases. As in a CHECK constraint, a NULL result lets the row through.
"""

from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper

from .app_modules import collected

PREFIX = "rule_"
# PostgreSQL's SQLSTATE for check_violation, which Django turns into IntegrityError.
CHECK_VIOLATION = "23514"


@dataclass(frozen=True)
class RowRule:
    name: str
    table: str
    condition: str
    message: str

    @property
    def trigger(self) -> str:
        return PREFIX + self.name

    def create_statements(self, vendor: str) -> list[str]:
        message = "'" + self.message.replace("'", "''") + "'"
        if vendor == "postgresql":
            return [
                f"""
                CREATE OR REPLACE FUNCTION {self.trigger}() RETURNS trigger AS $rule$
                BEGIN
                    IF NOT ({self.condition}) THEN
                        RAISE EXCEPTION USING ERRCODE = '{CHECK_VIOLATION}',
                            MESSAGE = {message}, CONSTRAINT = '{self.name}';
                    END IF;
                    RETURN NEW;
                END
                $rule$ LANGUAGE plpgsql
                """,
                f"""
                CREATE TRIGGER {self.trigger} BEFORE INSERT OR UPDATE ON {self.table}
                FOR EACH ROW EXECUTE FUNCTION {self.trigger}()
                """,
            ]
        if vendor == "sqlite":
            return [
                f"""
                CREATE TRIGGER {self.trigger}_{event.lower()} BEFORE {event} ON {self.table}
                FOR EACH ROW WHEN NOT ({self.condition})
                BEGIN SELECT RAISE(ABORT, {message}); END
                """
                for event in ("INSERT", "UPDATE")
            ]
        raise NotImplementedError(f"Row rules are written for SQLite and PostgreSQL, not {vendor}.")


def all_rules() -> list[RowRule]:
    """The RULES of every installed app that has a db_rules module."""
    return collected("db_rules", "RULES")


def installed_triggers(connection: BaseDatabaseWrapper) -> list[tuple[str, str]]:
    """(trigger, table) of every rule trigger now in the database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE %s",
                [PREFIX + "%"],
            )
        else:
            cursor.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [PREFIX + "%"],
            )
        return cursor.fetchall()


def drop_rules(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for trigger, table in installed_triggers(connection):
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {trigger}()")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")


def install_rules(connection: BaseDatabaseWrapper) -> None:
    """Every rule whose table (and the columns it `needs`, if it says) exists; then what a rule
    does `after_install`, if anything."""
    tables = set(connection.introspection.table_names())
    drop_rules(connection)
    with connection.cursor() as cursor:
        columns = {}

        def has(table: str, column: str) -> bool:
            if table not in columns:
                described = connection.introspection.get_table_description(cursor, table)
                columns[table] = {c.name for c in described}
            return column in columns[table]

        installed = [
            rule
            for rule in all_rules()
            if rule.table in tables
            and all(table in tables and has(table, c) for table, c in getattr(rule, "needs", ()))
        ]
        for rule in installed:
            for statement in rule.create_statements(connection.vendor):
                cursor.execute(statement)
        for rule in installed:
            for statement in getattr(rule, "after_install", list)():
                cursor.execute(statement)

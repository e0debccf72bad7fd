"""Row rules that span tables, enforced by the database itself.

A CHECK constraint cannot look at another table, so rules such as "a deliverable's lead must be a
partner of its project" are triggers. They guard every path that writes rows (the admin, the API,
bulk loads, raw SQL), while `full_clean()` gives people the friendly message first.

The condition is one SQL boolean over the new row (`NEW.column`) that reads the same in SQLite and
PostgreSQL. As in a CHECK constraint, a NULL result lets the row through.

Beware: on SQLite, Django rebuilds a table to alter it and the rebuild drops its triggers; the
tests that write forbidden rows straight to the database catch a rule that went missing.
"""

from django.db.migrations.operations.base import Operation

# PostgreSQL's SQLSTATE for check_violation, which Django turns into IntegrityError.
CHECK_VIOLATION = "23514"


class AddRowRule(Operation):
    """Migration operation: refuse written rows of `table` for which `condition` is false."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, *, name: str, table: str, condition: str, message: str):
        self.name = name
        self.table = table
        self.condition = condition
        self.message = message

    def deconstruct(self):
        kwargs = {
            "name": self.name,
            "table": self.table,
            "condition": self.condition,
            "message": self.message,
        }
        return (f"{__name__}.{self.__class__.__name__}", [], kwargs)

    def state_forwards(self, app_label, state):
        pass  # triggers are invisible to Django's model state

    def describe(self):
        return f"Add row rule {self.name} on {self.table}"

    @property
    def migration_name_fragment(self):
        return f"rule_{self.name}"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for statement in self._create_statements(schema_editor.connection.vendor):
            schema_editor.execute(statement, params=None)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        for statement in self._drop_statements(schema_editor.connection.vendor):
            schema_editor.execute(statement, params=None)

    def _quoted_message(self) -> str:
        return "'" + self.message.replace("'", "''") + "'"

    def _create_statements(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            return [
                f"""
                CREATE OR REPLACE FUNCTION {self.name}() RETURNS trigger AS $rule$
                BEGIN
                    IF NOT ({self.condition}) THEN
                        RAISE EXCEPTION USING ERRCODE = '{CHECK_VIOLATION}',
                            MESSAGE = {self._quoted_message()},
                            CONSTRAINT = '{self.name}';
                    END IF;
                    RETURN NEW;
                END
                $rule$ LANGUAGE plpgsql
                """,
                f"""
                CREATE TRIGGER {self.name} BEFORE INSERT OR UPDATE ON {self.table}
                FOR EACH ROW EXECUTE FUNCTION {self.name}()
                """,
            ]
        if vendor == "sqlite":
            return [
                f"""
                CREATE TRIGGER {self.name}_{event.lower()} BEFORE {event} ON {self.table}
                FOR EACH ROW WHEN NOT ({self.condition})
                BEGIN SELECT RAISE(ABORT, {self._quoted_message()}); END
                """
                for event in ("INSERT", "UPDATE")
            ]
        raise NotImplementedError(f"Row rules are written for SQLite and PostgreSQL, not {vendor}.")

    def _drop_statements(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            return [
                f"DROP TRIGGER IF EXISTS {self.name} ON {self.table}",
                f"DROP FUNCTION IF EXISTS {self.name}()",
            ]
        return [f"DROP TRIGGER IF EXISTS {self.name}_{event}" for event in ("insert", "update")]

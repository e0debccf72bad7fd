"""Views: queries the database keeps under a name, read through models it does not manage.

A view serves where a figure is asked of every row of a list: the list joins the view, and the
query the ORM compiles for each request stays a join of a few columns, not a subquery per
figure resolved and compiled again each time.

Each app lists its views in `<app>/db_views.py` as `VIEWS`. Like the row rules (db_rules.py)
they are not migrations: `migrate` drops every view before it runs and makes them all again
afterwards, since SQLite rebuilds a table to alter it, which a view naming the table breaks,
and PostgreSQL refuses to alter a column a view reads. A view's SQL reads the same in both
databases; functions it calls (tracker_fold) are installed before it.
"""

import logging
from dataclasses import dataclass
from functools import cached_property

from django.db import DatabaseError, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from .app_modules import collected

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class View:
    name: str
    select: str
    reads: tuple[str, ...]  # the tables it reads: made only where they all exist


def all_views() -> list[View]:
    """The VIEWS of every installed app that has a db_views module, in the apps' order (a view
    may read one listed before it)."""
    return collected("db_views", "VIEWS")


def drop_views(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for view in reversed(all_views()):
            cursor.execute(f"DROP VIEW IF EXISTS {view.name}")


def install_views(connection: BaseDatabaseWrapper) -> None:
    """Every view whose tables exist, made anew from the code, in one transaction: a reader
    waits for it rather than finding a view missing. A view the database refuses (a migration
    taken back removed a column it reads) is left out with a warning rather than failing
    `migrate`; what reads it fails until the code and the tables agree again."""
    with transaction.atomic(using=connection.alias):
        drop_views(connection)
        made = set(connection.introspection.table_names())
        with connection.cursor() as cursor:
            for view in all_views():
                if not all(table in made for table in view.reads):
                    continue
                try:
                    with transaction.atomic(using=connection.alias):
                        cursor.execute(f"CREATE VIEW {view.name} AS {view.select}")
                except DatabaseError as refusal:
                    logger.warning("The view %s was not made: %s", view.name, refusal)
                    continue
                made.add(view.name)


class ViewsRouter:
    """Rows of a view are no data of their own: `dumpdata` leaves them out (a dump holding
    them could not be loaded back), as it leaves out what a router does not migrate."""

    @cached_property
    def view_names(self) -> frozenset[str]:
        # Worked out at the first question, when the apps are ready; `dumpdata` asks once
        # per model.
        return frozenset(view.name for view in all_views())

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        model = hints.get("model")
        if model is not None and model._meta.db_table in self.view_names:
            return False
        return None

from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate


def _drop_row_rules(sender, using, **kwargs):
    from .db_rules import drop_rules

    drop_rules(connections[using])


def _install_row_rules(sender, using, **kwargs):
    from .db_rules import install_rules

    install_rules(connections[using])


def _install_fold_function(sender, using, **kwargs):
    from .text import install_fold_function

    install_fold_function(connections[using])


def _drop_views(sender, using, plan=None, **kwargs):
    # Only when a migration is to run: the meetings' counts read them in the meantime.
    if plan:
        from .db_views import drop_views

        drop_views(connections[using])


def _install_views(sender, using, **kwargs):
    from .db_views import install_views

    install_views(connections[using])


def _register_fold_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        from .text import install_fold_function

        install_fold_function(connection)


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Common"

    def ready(self):
        # Rules and views step aside while migrations alter tables, and come back once they
        # are done; views after the fold function, which they call.
        pre_migrate.connect(_drop_row_rules, sender=self)
        pre_migrate.connect(_drop_views, sender=self)
        post_migrate.connect(_install_row_rules, sender=self)
        post_migrate.connect(_install_fold_function, sender=self)
        post_migrate.connect(_install_views, sender=self)
        connection_created.connect(_register_fold_function)
        from django.db.models import CharField, IntegerField, TextField

        from .lookups import AnyOf
        from .text import Folded

        CharField.register_lookup(Folded)
        TextField.register_lookup(Folded)
        IntegerField.register_lookup(AnyOf)  # ids: every auto field is one

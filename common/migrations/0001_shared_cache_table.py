"""The table of the database cache (config/settings.py CACHES), made by `migrate` itself so
that no deployment, test run or `bin/start` needs a `createcachetable` step of its own. It is
made whether or not Redis holds the cache today, so switching REDIS_URL off just works."""

from django.conf import settings
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations


def create_cache_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(
        schema_editor.connection.alias, settings.DATABASE_CACHE_TABLE, dry_run=False
    )


def drop_cache_table(apps, schema_editor):
    table = schema_editor.quote_name(settings.DATABASE_CACHE_TABLE)
    schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]

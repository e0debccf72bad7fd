"""A list's count in one round trip on PostgreSQL (common/pagination.py, count_rows).

The function plans the list's query and, when the planner expects at most `exact_up_to` rows,
counts them; past that it answers the estimate. Done from Python it took two round trips and
two compilations of the query (its EXPLAIN, then the count), which cost a partner's page of 50
as much as writing the rows. The query it is given is one the ORM built and bound (its values
quoted by psycopg); the function is for that use only.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION count_of_rows(query text, exact_up_to bigint) RETURNS bigint AS $count$
DECLARE
    plan json;
    counted bigint;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
    counted := (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric::bigint;
    IF counted > exact_up_to THEN
        RETURN counted;
    END IF;
    EXECUTE 'SELECT count(*) FROM (' || query || ') AS rows_counted' INTO counted;
    RETURN counted;
END
$count$ LANGUAGE plpgsql
"""

DROP = "DROP FUNCTION IF EXISTS count_of_rows(text, bigint)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("common", "0001_shared_cache_table")]

    operations = [migrations.RunPython(create, drop)]

"""The programme's first figures: see grants.programme_figures, where they are kept once."""

from django.db import migrations

from grants.programme_figures import record_programme_figures


def seed(apps, schema_editor):
    record_programme_figures(
        apps.get_model("grants", "AllowedLumpSum"), apps.get_model("grants", "UnitCostRate")
    )


class Migration(migrations.Migration):
    dependencies = [("grants", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

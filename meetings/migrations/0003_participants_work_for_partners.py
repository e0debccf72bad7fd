"""Participants of a project's meeting work for its partners (a database rule from now on):
those added before who do not are taken off, so the meeting no longer reaches them."""

from django.db import migrations
from django.db.models import Exists, OuterRef


def remove_outsiders(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    Partnership = apps.get_model("projects", "Partnership")
    Taking = Meeting.participants.through
    partner = Partnership.objects.filter(
        project_id=OuterRef("meeting__project_id"), organisation_id=OuterRef("person__organisation_id")
    )
    Taking.objects.filter(meeting__project__isnull=False).exclude(Exists(partner)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_plausible_dates"),
        ("projects", "0003_plausible_dates"),
    ]

    operations = [migrations.RunPython(remove_outsiders, migrations.RunPython.noop)]

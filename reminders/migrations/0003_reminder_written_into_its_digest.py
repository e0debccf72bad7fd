import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def runs_from_digests(apps, schema_editor):
    """Each reminder in a digest names the digest's run, which with its recipient finds it."""
    Digest = apps.get_model("reminders", "Digest")
    Reminder = apps.get_model("reminders", "Reminder")
    Reminder.objects.filter(digest__isnull=False).update(
        run=Subquery(Digest.objects.filter(pk=OuterRef("digest")).values("run")[:1])
    )


def digests_from_runs(apps, schema_editor):
    Digest = apps.get_model("reminders", "Digest")
    Reminder = apps.get_model("reminders", "Reminder")
    Reminder.objects.filter(run__isnull=False).update(
        digest=Subquery(
            Digest.objects.filter(run=OuterRef("run"), recipient=OuterRef("recipient")).values(
                "pk"
            )[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0008_ids_paired"),
        ("projects", "0009_ids_paired"),
        ("reminders", "0002_budget_at_risk_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="reminder",
            name="run",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                help_text="The run whose digest sends it; none while it waits for its reader's day.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="reminders.reminderrun",
            ),
        ),
        migrations.RunPython(runs_from_digests, digests_from_runs, elidable=True),
        migrations.RemoveIndex(model_name="reminder", name="reminder_unassigned"),
        migrations.RemoveField(model_name="reminder", name="digest"),
        migrations.AddField(
            model_name="reminder",
            name="digest",
            field=models.ForeignObject(
                from_fields=("run", "recipient"),
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="reminders",
                to="reminders.digest",
                to_fields=("run", "recipient"),
            ),
        ),
        migrations.AddIndex(
            model_name="reminder",
            index=models.Index(fields=["run", "recipient"], name="reminder_in_digest"),
        ),
        migrations.AddIndex(
            model_name="reminder",
            index=models.Index(
                condition=models.Q(("run__isnull", True)),
                fields=["recipient"],
                name="reminder_waiting",
            ),
        ),
    ]

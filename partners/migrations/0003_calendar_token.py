import uuid

from django.db import migrations, models


def give_each_person_a_token(apps, schema_editor):
    # A callable default is evaluated once for the whole table: each row needs its own secret.
    Person = apps.get_model("partners", "Person")
    for person in Person.objects.only("pk"):
        person.calendar_token = uuid.uuid4()
        person.save(update_fields=["calendar_token"])


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_reminder_preferences"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="calendar_token",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_each_person_a_token, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="person",
            name="calendar_token",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Secret part of the calendar feed address; renewing it revokes the old one.",
                unique=True,
            ),
        ),
    ]

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("newsletters", "0002_subscribers")]

    operations = [
        migrations.RenameField(model_name="delivery", old_name="error", new_name="last_error"),
        migrations.AddField(
            model_name="delivery",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0),
        ),
    ]

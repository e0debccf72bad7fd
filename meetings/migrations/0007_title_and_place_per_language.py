from django.db import migrations, models
from django.db.models import F

# The content as entered becomes the original ("en", which every language falls back to).
COPIED = {'meeting': ['title', 'venue', 'city']}


def copy_into_the_original(apps, schema_editor):
    for model_name, fields in COPIED.items():
        model = apps.get_model('meetings', model_name)
        model.objects.update(**{f"{field}_en": F(field) for field in fields})


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0006_participants_evidence_online_sign_in'),
    ]

    operations = [
        migrations.AddField(
            model_name='meeting',
            name='city_de',
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='city_en',
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='city_es',
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='city_fr',
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='city_it',
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='city_pt',
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='title_de',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='title_en',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='title_es',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='title_fr',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='title_it',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='title_pt',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='venue_de',
            field=models.CharField(blank=True, help_text='e.g. Paris la Villette', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='venue_en',
            field=models.CharField(blank=True, help_text='e.g. Paris la Villette', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='venue_es',
            field=models.CharField(blank=True, help_text='e.g. Paris la Villette', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='venue_fr',
            field=models.CharField(blank=True, help_text='e.g. Paris la Villette', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='venue_it',
            field=models.CharField(blank=True, help_text='e.g. Paris la Villette', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='venue_pt',
            field=models.CharField(blank=True, help_text='e.g. Paris la Villette', max_length=200, null=True),
        ),
        migrations.RunPython(copy_into_the_original, migrations.RunPython.noop),
    ]

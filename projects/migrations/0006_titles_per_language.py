from django.db import migrations, models
from django.db.models import F

# The content as entered becomes the original ("en", which every language falls back to).
COPIED = {'project': ['title'], 'objective': ['title']}


def copy_into_the_original(apps, schema_editor):
    for model_name, fields in COPIED.items():
        model = apps.get_model('projects', model_name)
        model.objects.update(**{f"{field}_en": F(field) for field in fields})


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0005_interim_report_due_by_the_end'),
    ]

    operations = [
        migrations.AddField(
            model_name='objective',
            name='title_de',
            field=models.CharField(max_length=400, null=True),
        ),
        migrations.AddField(
            model_name='objective',
            name='title_en',
            field=models.CharField(max_length=400, null=True),
        ),
        migrations.AddField(
            model_name='objective',
            name='title_es',
            field=models.CharField(max_length=400, null=True),
        ),
        migrations.AddField(
            model_name='objective',
            name='title_fr',
            field=models.CharField(max_length=400, null=True),
        ),
        migrations.AddField(
            model_name='objective',
            name='title_it',
            field=models.CharField(max_length=400, null=True),
        ),
        migrations.AddField(
            model_name='objective',
            name='title_pt',
            field=models.CharField(max_length=400, null=True),
        ),
        migrations.AddField(
            model_name='project',
            name='title_de',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='project',
            name='title_en',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='project',
            name='title_es',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='project',
            name='title_fr',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='project',
            name='title_it',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='project',
            name='title_pt',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.RunPython(copy_into_the_original, migrations.RunPython.noop),
    ]

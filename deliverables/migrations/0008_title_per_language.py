import common.validators
from django.db import migrations, models
from django.db.models import F

# The content as entered becomes the original ("en", which every language falls back to).
COPIED = {'deliverable': ['title']}


def copy_into_the_original(apps, schema_editor):
    for model_name, fields in COPIED.items():
        model = apps.get_model('deliverables', model_name)
        model.objects.update(**{f"{field}_en": F(field) for field in fields})


class Migration(migrations.Migration):

    dependencies = [
        ('deliverables', '0007_codes_and_titles_on_one_line'),
    ]

    operations = [
        migrations.AddField(
            model_name='deliverable',
            name='title_de',
            field=models.CharField(max_length=300, null=True, validators=[common.validators.validate_one_line]),
        ),
        migrations.AddField(
            model_name='deliverable',
            name='title_en',
            field=models.CharField(max_length=300, null=True, validators=[common.validators.validate_one_line]),
        ),
        migrations.AddField(
            model_name='deliverable',
            name='title_es',
            field=models.CharField(max_length=300, null=True, validators=[common.validators.validate_one_line]),
        ),
        migrations.AddField(
            model_name='deliverable',
            name='title_fr',
            field=models.CharField(max_length=300, null=True, validators=[common.validators.validate_one_line]),
        ),
        migrations.AddField(
            model_name='deliverable',
            name='title_it',
            field=models.CharField(max_length=300, null=True, validators=[common.validators.validate_one_line]),
        ),
        migrations.AddField(
            model_name='deliverable',
            name='title_pt',
            field=models.CharField(max_length=300, null=True, validators=[common.validators.validate_one_line]),
        ),
        migrations.RunPython(copy_into_the_original, migrations.RunPython.noop),
    ]

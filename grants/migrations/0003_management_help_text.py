import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('deliverables', '0009_lead_pair_index'),
        ('grants', '0002_programme_figures'),
    ]

    operations = [
        migrations.AlterField(
            model_name='budget',
            name='management_work_package',
            field=models.ForeignKey(blank=True, help_text='The work package of project management: at most 20 per cent of a lump sum.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='deliverables.workpackage'),
        ),
    ]

# The office of each time limit's case, kept on the time limit, with the indexes an office's
# deadline list reads.

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_office(apps, schema_editor):
    Deadline = apps.get_model("cases", "Deadline")
    EnforcementCase = apps.get_model("cases", "EnforcementCase")
    Deadline.objects.update(
        office_id=Subquery(
            EnforcementCase.objects.filter(pk=OuterRef("case_id")).values("office_id")[:1]
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0014_case_list_indexes'),
        ('org', '0003_staffprofile_is_service_account'),
    ]

    operations = [
        migrations.AddField(
            model_name='deadline',
            name='office',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.office'),
        ),
        migrations.RunPython(fill_office, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='deadline',
            name='office',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.office'),
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(condition=models.Q(('cancelled_on__isnull', True), ('met_on__isnull', True)), fields=['office', 'due_on'], name='deadline_office_open_due'),
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(fields=['office', '-met_on'], name='deadline_office_met'),
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(condition=models.Q(('bearer', 'office'), ('cancelled_on__isnull', True)), fields=['due_on', 'office', 'met_on'], name='deadline_office_duty'),
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(condition=models.Q(('cancelled_on__isnull', True), ('met_on__isnull', True)), fields=['case', 'due_on'], name='deadline_case_open_due'),
        ),
    ]

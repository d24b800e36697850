
import django.db.models.deletion
from django.db import migrations, models

from resources.listing import CHILD_FIELDS, reconcile


def reconcile_listings(apps, schema_editor):
    """Rows of one listing that disagree on a fact take the facts of the newest (latest verification, then latest
    edit): before this, admin edits reached one language only (docs/resources.md)."""
    children = {name: apps.get_model("resources", name) for name, _fields in CHILD_FIELDS.values()}
    reconcile(
        apps.get_model("resources", "Service"), children, apps.get_model("resources", "Organisation")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('resources', '0004_service_points'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='location',
            name='latest_revision',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision'),
        ),
        migrations.AddField(
            model_name='service',
            name='latest_revision',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision'),
        ),
        migrations.RunPython(reconcile_listings, migrations.RunPython.noop),
    ]

from django.db import migrations, models


def fill_public_points(apps, schema_editor):
    Location = apps.get_model("resources", "Location")
    Quartier = apps.get_model("resources", "Quartier")
    centroids = {pk: (lat, lon) for pk, lat, lon in Quartier.objects.values_list("pk", "centroid_lat", "centroid_lon")}
    changed = []
    for location in Location.objects.all().only("pk", "latitude", "longitude", "hidden_address", "quartier_id"):
        if location.latitude is None or location.longitude is None:
            continue
        if location.hidden_address:
            location.public_latitude, location.public_longitude = centroids.get(location.quartier_id, (None, None))
        else:
            location.public_latitude, location.public_longitude = location.latitude, location.longitude
        changed.append(location)
    Location.objects.bulk_update(changed, ["public_latitude", "public_longitude"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [
        migrations.RenameField("location", "transportation", "transportation_fr"),
        migrations.RenameField("location", "accessibility", "accessibility_fr"),
        migrations.AlterField(
            model_name="location",
            name="transportation_fr",
            field=models.CharField(blank=True, max_length=250, verbose_name="public transport (French)"),
        ),
        migrations.AlterField(
            model_name="location",
            name="accessibility_fr",
            field=models.CharField(blank=True, max_length=250, verbose_name="accessibility (French)"),
        ),
        migrations.AddField(
            model_name="location",
            name="transportation_nl",
            field=models.CharField(blank=True, max_length=250, verbose_name="public transport (Dutch)"),
        ),
        migrations.AddField(
            model_name="location",
            name="accessibility_nl",
            field=models.CharField(blank=True, max_length=250, verbose_name="accessibility (Dutch)"),
        ),
        migrations.AddField(
            model_name="location", name="public_latitude", field=models.FloatField(editable=False, null=True)
        ),
        migrations.AddField(
            model_name="location", name="public_longitude", field=models.FloatField(editable=False, null=True)
        ),
        migrations.AddIndex(
            model_name="service",
            index=models.Index(fields=["locale", "name", "id"], name="resources_s_locale__88432d_idx"),
        ),
        migrations.RunPython(fill_public_points, migrations.RunPython.noop),
    ]

from django.db import migrations, models


def fill_points(apps, schema_editor):
    Service = apps.get_model("resources", "Service")
    ServiceAtLocation = apps.get_model("resources", "ServiceAtLocation")
    points = {}
    for service_id, lat, lon in ServiceAtLocation.objects.filter(
        location__public_latitude__isnull=False, location__public_longitude__isnull=False
    ).values_list("service_id", "location__public_latitude", "location__public_longitude"):
        points.setdefault(service_id, []).append((lat, lon))
    services = []
    for service_id, found in points.items():
        service = Service(pk=service_id, point_count=len(found))
        service.point_latitude, service.point_longitude = found[0] if len(found) == 1 else (None, None)
        services.append(service)
    Service.objects.bulk_update(services, ["point_count", "point_latitude", "point_longitude"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("resources", "0003_schedule_open_index")]

    operations = [
        migrations.AddField(
            model_name="service",
            name="point_count",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="service", name="point_latitude", field=models.FloatField(editable=False, null=True)
        ),
        migrations.AddField(
            model_name="service", name="point_longitude", field=models.FloatField(editable=False, null=True)
        ),
        migrations.RunPython(fill_points, migrations.RunPython.noop),
    ]

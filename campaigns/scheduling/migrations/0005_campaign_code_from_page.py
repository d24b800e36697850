"""Deliverables and poster/QR links that point to a campaign page take that page's code (its one source): rows
made before, e.g. the demo's "dope-talk-demo" posts of the "dope-talk-2026" page, are brought in line."""

from django.db import migrations


def forwards(apps, schema_editor):
    CampaignPage = apps.get_model("campaigns", "CampaignPage")
    codes = dict(CampaignPage.objects.exclude(code="").values_list("pk", "code"))
    for name in ("Deliverable", "TrackedLink"):
        model = apps.get_model("scheduling", name)
        for row in model.objects.filter(campaign_page_id__in=list(codes)).only("pk", "campaign_page_id"):
            model.objects.filter(pk=row.pk).update(campaign_code=codes[row.campaign_page_id])


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0004_access_log_per_day"),
        ("campaigns", "0007_search_configuration"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

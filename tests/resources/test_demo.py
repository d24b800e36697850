import io

from django.core.management import call_command
from django.core.management.color import no_style

from resources import demo
from resources.models import Location, Organisation, Service


def _counts():
    return (Service.objects.count(), Organisation.objects.count(), Location.objects.count())


def test_demo_is_idempotent_and_meets_the_scenario(client, locales):
    demo.load(stdout=io.StringIO(), style=no_style())
    first = _counts()
    assert first[0] == 50  # 25 services in FR and NL
    demo.load(stdout=io.StringIO(), style=no_style())
    assert _counts() == first
    near_midi_dutch = Service.objects.filter(
        locale__language_code="nl", locations__location__quartier__mdzone=804
    ).distinct()
    assert sum("nl" in s.languages for s in near_midi_dutch) >= 3
    assert all(s.to_verify for s in Service.objects.all())
    assert Service.objects.exclude(source_urls="").count() >= 40
    response = client.get("/nl/hulp/?near=804&language=nl")
    assert response.status_code == 200
    assert response.context["result_count"] >= 3


def test_generate_services(geography):
    call_command("generate_services", "5", stdout=io.StringIO())
    call_command("generate_services", "5", stdout=io.StringIO())
    assert Service.objects.filter(external_id__startswith="GEN-").count() == 10  # 5 FR + 5 NL

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.color import no_style

from demo import directory as demo
from resources.completeness import ways_to_reach
from resources.models import Location, Organisation, Service
from resources.selectors import PUBLIC_STATUSES, with_relations


def _counts():
    return (Service.objects.count(), Organisation.objects.count(), Location.objects.count())


def _listings_meet_the_scenario():
    # Issue #14, item 4: every published listing has a way to reach the service; the others are unpublished.
    published = list(with_relations(Service.objects.filter(status__in=PUBLIC_STATUSES)))
    assert len(published) == 40  # 20 in FR and NL
    assert [s.name for s in published if not ways_to_reach(s)] == []
    # No editor's note in a public name ("(position à vérifier)").
    assert not Location.objects.filter(name__contains="vérifier").exists()
    assert all(s.to_verify for s in Service.objects.all())
    assert Service.objects.exclude(source_urls="").count() >= 40


def _dutch_help_near_the_midi(client):
    near_midi_dutch = Service.objects.filter(
        locale__language_code="nl", locations__location__quartier__mdzone=804, status__in=PUBLIC_STATUSES
    ).distinct()
    assert sum("nl" in s.languages for s in near_midi_dutch) >= 1
    response = client.get("/nl/hulp/?near=804&language=nl")
    assert response.status_code == 200
    assert response.context["result_count"] >= 3


def test_demo_is_idempotent_and_meets_the_scenario(client, locales):
    demo.load(stdout=io.StringIO(), style=no_style())
    first = _counts()
    assert first[0] == 54  # the 25 services of the seed file and the 2 suicide-prevention lines, in FR and NL
    demo.load(stdout=io.StringIO(), style=no_style())
    assert _counts() == first
    _listings_meet_the_scenario()
    _dutch_help_near_the_midi(client)


def test_generate_services(geography):
    call_command("generate_services", "5", stdout=io.StringIO())
    call_command("generate_services", "5", stdout=io.StringIO())
    assert Service.objects.filter(external_id__startswith="GEN-").count() == 10  # 5 FR + 5 NL


def test_demo_task_force_account_edits_its_commune_only(client, locales):
    from django.urls import reverse

    from resources.permissions import scope_q

    out = io.StringIO()
    demo.load(stdout=out, style=no_style())
    demo.load(stdout=io.StringIO(), style=no_style())  # idempotent: same account, same group
    assert "user: taskforce-saint-gilles  password: demo-taskforce-2026" in out.getvalue()
    user = get_user_model().objects.get(username="taskforce-saint-gilles")
    assert list(user.groups.values_list("name", flat=True)) == ["Task force Saint-Gilles"]
    fr = Service.objects.filter(locale__language_code="fr")
    own = fr.filter(scope_q(user))
    assert own.exists() and own.count() < fr.count()
    assert all(
        any(link.location.commune and link.location.commune.nis_code == "21013" for link in s.locations.all())
        for s in own
    )
    client.force_login(user)
    edit = "wagtailsnippets_resources_service:edit"
    assert client.get(reverse(edit, args=[own.first().pk])).status_code == 200
    other = fr.exclude(pk__in=own).first()
    assert client.get(reverse(edit, args=[other.pk])).status_code in (302, 403)

import io

import pytest
from django.core.management.color import no_style

from demo import referrals as demo
from resources.models import Service

from .conftest import url


@pytest.mark.parametrize(
    ("lang", "path", "title"),
    [("fr", "/fr/orientation/", "Outils d’orientation"), ("nl", "/nl/doorverwijzing/", "Doorverwijstools")],
)
def test_landing_page(client, locales, lang, path, title):
    assert url("referrals:landing", lang) == path
    response = client.get(path)
    content = response.content.decode()
    assert response.status_code == 200
    assert title in content
    assert 'class="slip slip--a6 slip--blank"' in content  # the printable blank card
    assert 'class="helplines' in content
    assert "referrals/print-a6.css" in content


def test_service_page_has_the_add_button(client, make_service):
    fr, nl = make_service("Bouton")
    content = client.get(url("resources:service", "nl", nl.pk)).content.decode()
    assert f'href="/nl/doorverwijzing/fiche/?s={nl.pk}"' in content
    assert "Toevoegen aan de doorverwijsfiche" in content


def test_demo_is_idempotent(make_service):
    fr, nl = make_service("Modus")
    Service.objects.filter(pk=fr.pk).update(external_id="SV02")
    Service.objects.filter(pk=nl.pk).update(external_id="SV02")
    out = io.StringIO()
    demo.load(stdout=out, style=no_style())
    assert "(2 rows updated)" in out.getvalue()
    assert set(Service.objects.filter(external_id="SV02").values_list("referral_email", flat=True)) == {
        "accueil@modusvivendi.example"
    }
    demo.load(stdout=out, style=no_style())
    assert "(0 rows updated)" in out.getvalue()

import re
from pathlib import Path

import pytest
import segno
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from resources.models import Service
from resources.referrals.models import ReferralCount
from tests.resources.texts import missing

from .conftest import url

LANGS = ["fr", "nl"]


def slip(client, lang, ids, slip_lang=None, **params):
    query = {"s": ".".join(str(pk) for pk in ids), **params}
    if slip_lang:
        query["lang"] = slip_lang
    return client.get(url("referrals:slip", lang), query)


def service_url(pk, lang):
    with translation.override(lang):
        return "http://testserver" + reverse("resources:service", args=[pk])


def qr_path(payload):
    """The SVG path segno draws for `payload` with the slip's options: equal paths mean equal QR matrices."""
    svg = segno.make(payload, error="m", micro=False).svg_inline(scale=1, border=2, omitsize=True)
    return re.search(r' d="([^"]+)"', svg).group(1)


def mixed_slip(client, three_services, interface, slip_lang):
    """The basket may mix ids of either language: each service is shown in the slip's language."""
    (fr_a, _nl_a), (_fr_b, nl_b), (fr_c, _nl_c) = three_services
    response = slip(client, interface, [fr_a.pk, nl_b.pk, fr_c.pk], slip_lang)
    assert response.status_code == 200
    return response


def slip_article(content):
    return content.split('<article class="slip', 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("interface", LANGS)
@pytest.mark.parametrize("slip_lang", LANGS)
def test_slip_in_every_language_combination(client, three_services, interface, slip_lang):
    response = mixed_slip(client, three_services, interface, slip_lang)
    content = response.content.decode()
    expected = {"fr": ["Comptoir", "Abri", "Accueil"], "nl": ["Balie", "Opvang", "Onthaal"]}[slip_lang]
    assert missing(content, *(f'<h2 class="slip__name">{name}</h2>' for name in expected)) == []
    assert f'lang="{slip_lang}"' in content.split('<article class="slip', 1)[1][:60]
    # UI strings on the slip in the slip language, page chrome in the interface language.
    slip_ui = [{"fr": "Heures d'ouverture", "nl": "Openingsuren"}, {"fr": "Gratuit", "nl": "Gratis"}]
    assert missing(slip_article(content), *(texts[slip_lang] for texts in slip_ui)) == []
    assert {"fr": "Fiche d’orientation", "nl": "Doorverwijsfiche"}[interface] in content.split("<article", 1)[
        0
    ]
    services = list(response.context["entries"])
    assert [e["service"].locale.language_code for e in services] == [slip_lang] * 3


@pytest.mark.parametrize("interface", LANGS)
@pytest.mark.parametrize("slip_lang", LANGS)
def test_slip_addresses_and_status_in_every_language_combination(
    client, three_services, interface, slip_lang
):
    response = mixed_slip(client, three_services, interface, slip_lang)
    part = slip_article(response.content.decode())
    # Hidden address: notice, never the street.
    assert "Rue de Test 1" in part  # the two public addresses
    assert part.count("Rue de Test 1") == 2
    with translation.override(slip_lang):
        label = response.context["entries"][0]["status"].label  # next opening, in the slip language
    assert label in part and label == {"fr": "Ouvert 24 h/24, 7 j/7", "nl": "Open 24/7"}[slip_lang]


@pytest.mark.parametrize("slip_lang", LANGS)
def test_qr_code_encodes_the_service_page_in_the_slip_language(client, three_services, slip_lang):
    (fr_a, nl_a), _b, _c = three_services
    target = {"fr": fr_a, "nl": nl_a}[slip_lang]
    other = {"fr": "nl", "nl": "fr"}[slip_lang]
    content = slip(client, "fr", [fr_a.pk], slip_lang).content.decode()
    slip_part = content.split('<article class="slip', 1)[1].split("</article>", 1)[0]
    assert qr_path(service_url(target.pk, slip_lang)) in slip_part
    assert qr_path(service_url(target.pk, other)) not in slip_part
    assert qr_path(service_url(fr_a.pk if slip_lang == "nl" else nl_a.pk, slip_lang)) not in slip_part


def test_hidden_address_notice_and_no_street(client, make_service):
    fr, _nl = make_service("Refuge", hidden=True)
    content = slip(client, "fr", [fr.pk]).content.decode()
    assert "Rue de Test 1" not in content
    assert "est communiquée uniquement quand vous contactez le service" in content


def test_print_formats(client, three_services):
    (fr_a, _), _b, _c = three_services
    a6 = slip(client, "fr", [fr_a.pk]).content.decode()
    a4 = slip(client, "fr", [fr_a.pk], format="a4").content.decode()
    assert "referrals/print-a6.css" in a6 and "slip--a6" in a6
    assert "referrals/print-a4.css" in a4 and "slip--a4" in a4
    # Chromium ignores the A6 keyword (US Letter instead); sizes in millimetres print right (tests/e2e).
    assert "@page { size: 105mm 148mm" in Path(finders.find("referrals/print-a6.css")).read_text()
    assert "@page { size: 210mm 297mm" in Path(finders.find("referrals/print-a4.css")).read_text()
    bad = slip(client, "fr", [fr_a.pk], format="letter")
    assert bad.status_code == 200 and "slip--a6" in bad.content.decode()
    assert "format d’impression inconnu" in bad.content.decode().lower()


@pytest.mark.parametrize(
    ("s", "message"),
    [
        ("abc", "pas valides"),
        ("-5", "pas valides"),
        ("7.7.7", "deux fois"),
        (".".join(str(i) for i in range(1, 10_001)), "au plus 6"),
        ("999999", "plus actif"),
        ("'; DROP TABLE x; --", "pas valides"),
    ],
)
def test_bad_baskets_give_a_message_not_an_error(client, make_service, s, message):
    fr, _nl = make_service("Valide")
    response = client.get(url("referrals:slip", "fr"), {"s": f"{s}.{fr.pk}" if s != "7.7.7" else s})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_inactive_service_is_left_out(client, make_service):
    fr, nl = make_service("Fermé")
    Service.objects.filter(translation_key=fr.translation_key).update(status=Service.Status.DEFUNCT)
    response = slip(client, "fr", [fr.pk])
    assert response.context["entries"] == []
    assert "plus actif" in response.content.decode()
    assert not ReferralCount.objects.exists()


def test_garbage_language_falls_back_with_a_message(client, three_services):
    (fr_a, _), _b, _c = three_services
    response = slip(client, "nl", [fr_a.pk], "xx<script>")
    assert response.status_code == 200
    assert response.context["slip_language"] == "nl"
    assert "<script>" not in response.content.decode().split("<main", 1)[1].split("</main>")[0].replace(
        "<script src", ""
    )


def test_empty_slip_and_picker(client, three_services):
    response = client.get(url("referrals:slip", "fr"))
    assert response.status_code == 200 and response.context["entries"] == []
    (fr_a, _), _b, _c = three_services
    picked = client.get(url("referrals:slip", "fr"), {"s": str(fr_a.pk), "q": "abri"})
    picks = picked.context["picks"]
    assert [p["service"].name for p in picks] == ["Abri"]
    assert f"s={fr_a.pk}.{picks[0]['service'].pk}" in picks[0]["add_url"].replace("%2E", ".")


def test_slip_counts_once_per_client_without_people(client, three_services):
    ids = [pair[0].pk for pair in three_services]
    slip(client, "fr", ids, "nl")
    slip(client, "fr", ids, "nl")  # a reload by the same worker: not a second slip
    client.defaults["REMOTE_ADDR"] = "10.0.0.99"  # another worker's phone
    slip(client, "fr", ids, "nl")
    rows = list(ReferralCount.objects.order_by("service_id"))
    assert len(rows) == 3
    assert {r.count for r in rows} == {2}
    assert {r.language for r in rows} == {"nl"}
    assert {r.kind for r in rows} == {ReferralCount.Kind.SLIP_MADE}
    assert {r.quartier_code for r in rows} == {"804"}  # the Midi quartier of the test services
    client.head(url("referrals:slip", "fr") + "?s=" + str(ids[0]))
    assert ReferralCount.objects.get(service_id=rows[0].service_id).count == 2


def test_slip_counter_records_the_hotspot(client, make_service):
    from resources.models import Hotspot, Quartier

    fr, _nl = make_service("Près du hotspot")
    hotspot = Hotspot.objects.filter(locale__language_code="fr").first()
    hotspot.quartiers.add(Quartier.objects.get(mdzone=804))
    hotspot.save()
    slip(client, "fr", [fr.pk])
    assert ReferralCount.objects.get().hotspot_slug == hotspot.slug


def test_fixed_queries_and_weight(client, make_service, django_assert_num_queries):
    services = [make_service(f"S{i}", what_to_bring="Carte", free=True)[0] for i in range(6)]
    slip(client, "fr", [services[5].pk])  # warm the locale cache (another slip: each below counts once)
    with django_assert_num_queries(QUERIES):
        one = slip(client, "fr", [services[0].pk])
    with django_assert_num_queries(QUERIES):
        three = slip(client, "fr", [s.pk for s in services[:3]])
    with django_assert_num_queries(QUERIES):
        six = slip(client, "fr", [s.pk for s in services])
    assert len(one.context["entries"]) == 1 and len(six.context["entries"]) == 6
    html = len(three.content)
    assets = sum(
        len(Path(finders.find(path)).read_bytes())
        for path in [
            "css/site.css",
            "js/site.js",
            "referrals/referrals.css",
            "referrals/print-a6.css",
            "referrals/referrals.js",
        ]
    )
    assert html + assets <= 100 * 1024, (html, assets)


QUERIES = 12  # with the site shell memoised (home.memo) and the site attached once (home.middleware)

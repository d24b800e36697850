import pytest

from resources.referrals.basket import encode_short

from .test_slip import qr_path, slip


def test_short_link_redirects_to_the_slip_in_its_language(client, three_services):
    (fr_a, nl_a), (fr_b, _nl_b), _c = three_services
    response = client.get(f"/r/{encode_short('nl', [nl_a.pk, fr_b.pk])}")
    assert response.status_code == 302
    assert response["Location"] == f"/nl/doorverwijzing/fiche/?s={nl_a.pk}.{fr_b.pk}&lang=nl"
    followed = client.get(response["Location"])
    assert [e["service"].name for e in followed.context["entries"]] == ["Balie", "Opvang"]


def test_slip_offers_its_short_link_and_its_qr_code(client, three_services):
    (fr_a, nl_a), _b, _c = three_services
    response = slip(client, "fr", [fr_a.pk], "nl")
    short_url = response.context["short_url"]
    # The slip's language and the ids of the services shown (in that language): nothing else.
    assert (
        short_url == f"http://testserver/r/nl-{nl_a.pk:x}"
        or short_url == "http://testserver/r/" + encode_short("nl", [nl_a.pk])
    )
    content = response.content.decode()
    assert f'value="{short_url}"' in content
    assert f'data-referrals-share="{short_url}"' in content and "hidden" in content
    share = content.split('class="share__qr"', 1)[1]
    assert qr_path(short_url) in share


@pytest.mark.parametrize(
    "code", ["nope", "xx-1", "fr-0", "fr-a-a", "fr-" + "-".join("1234567"), "fr-%3Cscript%3E"]
)
def test_bad_short_links_give_a_message(client, locales, code):
    response = client.get(f"/r/{code}", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "Deze doorverwijslink is ongeldig" in response.content.decode()

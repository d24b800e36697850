import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import models

from resources.referrals.models import ReferralCount
from tests.resources.texts import missing, present

from .conftest import url

PERSON = {"name": "Zorbalina", "language": "ar", "contact": "phone", "phone": "+32 470 98 76 54", "email": ""}


def warm_url(pk, lang="fr", slip_lang="nl"):
    return url("referrals:warm", lang, pk) + f"?lang={slip_lang}"


def post(client, pk, lang="fr", slip_lang="nl", **overrides):
    data = {**PERSON, "consent": "on", "lang": slip_lang, **overrides}
    return client.post(url("referrals:warm", lang, pk), data, REMOTE_ADDR=overrides.pop("ip", "10.1.2.3"))


@pytest.fixture
def opted_in(three_services):
    return three_services[2]  # "Accueil", referral_email set


def all_text_values():
    """Every text, char and JSON value of every row of every model."""
    values = []
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if not fields:
            continue
        for row in model.objects.values_list(*fields):
            values.extend(str(v) for v in row if v)
    # Session data is encoded: decode it too (messages, anything a view might have put there).
    values.extend(str(session.get_decoded()) for session in Session.objects.all())
    return values


def test_consent_text_is_in_the_persons_language(client, opted_in):
    fr, nl = opted_in
    content = client.get(warm_url(nl.pk, "fr", "nl")).content.decode()
    assert "Ik ga akkoord dat mijn voornaam" in content  # consent: slip language
    assert "Prénom ou surnom" in content  # the rest: the worker's interface language


def test_warm_referral_is_sent(client, opted_in):
    fr, nl = opted_in
    response = post(client, nl.pk, "fr", "nl")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["accueil@service.example"]
    assert (
        message.subject
        == "Nouvelle orientation via prevention.brussels / Nieuwe doorverwijzing via prevention.brussels"
    )
    assert present(message.subject, "Zorbalina", "470", "Onthaal", "Accueil", "drog") == []
    assert (
        missing(
            message.body,
            "Zorbalina",
            "+32 470 98 76 54",
            "Langue préférée: Arabe",
            "Voorkeurtaal: Arabisch",
            "Par téléphone: +32 470",
            "Telefonisch: +32 470",
        )
        == []
    )


def test_warm_referral_stores_nothing_about_the_person(client, opted_in):
    fr, nl = opted_in
    response = post(client, nl.pk, "fr", "nl")
    assert response.status_code == 302
    # Nothing about the person anywhere in the database (sessions, messages, counters, everything).
    client.get(response["Location"])
    assert "Zorbalina" not in str(client.cookies)
    for value in ("Zorbalina", "470 98 76 54", "+32 470"):
        assert not [v for v in all_text_values() if value in v], value
    row = ReferralCount.objects.get(kind=ReferralCount.Kind.WARM_REFERRAL_SENT)
    assert (row.service_id, row.language, row.count, row.quartier_code) == (nl.pk, "nl", 1, "804")


def test_email_contact_and_come_by(client, opted_in):
    fr, _nl = opted_in
    assert post(client, fr.pk, contact="email", email="z@person.example", phone="").status_code == 302
    assert "z@person.example" in mail.outbox[-1].body
    assert post(client, fr.pk, contact="come_by", phone="").status_code == 302
    assert "+32 470" not in mail.outbox[-1].body
    assert not [v for v in all_text_values() if "z@person.example" in v]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent": ""}, "consentement de la personne est nécessaire"),
        ({"name": "   "}, "Champ requis"),
        ({"contact": "phone", "phone": "abc"}, "numéro de téléphone"),
        ({"contact": "email", "email": ""}, "adresse e-mail"),
        ({"contact": "pigeon"}, "choix valide"),
        ({"language": "klingon"}, "choix valide"),
    ],
)
def test_bad_input_sends_nothing(client, opted_in, overrides, message):
    fr, _nl = opted_in
    data = {k: v for k, v in overrides.items() if v != ""}
    if overrides.get("consent") == "":
        response = client.post(url("referrals:warm", "fr", fr.pk), {**PERSON, "lang": "nl", **data})
    else:
        response = post(client, fr.pk, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert mail.outbox == []
    assert not ReferralCount.objects.exists()


def test_service_that_did_not_opt_in_is_refused(client, three_services):
    fr, _nl = three_services[0]
    assert client.get(warm_url(fr.pk)).status_code == 400
    response = post(client, fr.pk)
    assert response.status_code == 400
    assert "n’a pas accepté de recevoir des orientations" in response.content.decode()
    assert mail.outbox == []
    assert client.get(warm_url(999999)).status_code == 404


def test_slip_offers_warm_referral_only_for_opted_in_services(client, three_services):
    ids = ".".join(str(pair[0].pk) for pair in three_services)
    content = client.get(url("referrals:slip", "fr") + f"?s={ids}").content.decode()
    assert content.count("/fr/orientation/prevenir/") == 1


def test_rate_limit(client, opted_in, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "warm": "3/h"}
    fr, _nl = opted_in
    for _i in range(3):
        assert post(client, fr.pk).status_code == 302
    blocked = post(client, fr.pk)
    assert blocked.status_code == 429
    assert "Trop d’avis" in blocked.content.decode()
    assert len(mail.outbox) == 3
    assert post(client, fr.pk, ip="10.9.9.9").status_code == 302  # another connection


def test_honeypot_sends_nothing(client, opted_in):
    fr, _nl = opted_in
    response = post(client, fr.pk, website="http://spam.example")
    assert response.status_code == 302
    assert mail.outbox == []
    assert not ReferralCount.objects.exists()


def test_mail_failure_is_shown_to_the_worker(client, opted_in, settings, caplog):
    settings.EMAIL_BACKEND = "tests.referrals.failing_backend.EmailBackend"
    fr, _nl = opted_in
    response = post(client, fr.pk, "nl", "fr")
    assert response.status_code == 502
    assert "Het bericht kon niet worden verstuurd" in response.content.decode()
    assert "Zorbalina" not in caplog.text and "470" not in caplog.text
    assert not ReferralCount.objects.exists()


def test_anymail_test_backend(client, opted_in, settings):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    fr, _nl = opted_in
    assert post(client, fr.pk).status_code == 302
    assert mail.outbox[-1].to == ["accueil@service.example"]
    assert "Zorbalina" not in mail.outbox[-1].subject

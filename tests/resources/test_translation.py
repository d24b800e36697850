"""wagtail-localize: names and descriptions are translated, the rest is synchronised from the French source."""

import datetime as dt

from wagtail_localize.models import StringTranslation, TranslationSource

from resources.models import Phone, Schedule, Service
from resources.services import upsert_organisation


def test_translation_flow_keeps_synchronised_fields(geography):
    fr_locale, nl_locale = geography["fr"], geography["nl"]
    org, org_nl = upsert_organisation(name_fr="Org", name_nl="Org NL")
    service = Service(
        locale=fr_locale,
        organisation=org,
        name="Accueil de jour",
        description="Douches et café",
        eligibility="Adultes",
        languages=["fr", "nl"],
        free=True,
    )
    service.schedules = [Schedule(weekday=0, opens=dt.time(9), closes=dt.time(12))]
    service.phones = [Phone(number="02 111 11 11")]
    service.save()
    source, _created = TranslationSource.get_or_create_from_instance(service)
    paths = sorted(segment.context.path for segment in source.stringsegment_set.all())
    assert paths == ["description", "eligibility", "name"]  # phones, hours, flags, languages: synchronised
    for segment in source.stringsegment_set.all():
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=nl_locale,
            context=segment.context,
            data={"name": "Dagcentrum", "description": "Douches en koffie", "eligibility": "Volwassenen"}[
                segment.context.path
            ],
        )
    source.create_or_update_translation(nl_locale)
    translation = service.get_translation(nl_locale)
    assert (translation.name, translation.description, translation.eligibility) == (
        "Dagcentrum",
        "Douches en koffie",
        "Volwassenen",
    )
    assert translation.organisation == org_nl
    assert translation.free and translation.languages == ["fr", "nl"]
    assert [(s.weekday, s.opens) for s in translation.schedules.all()] == [(0, dt.time(9))]
    assert [p.number for p in translation.phones.all()] == ["02 111 11 11"]

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["influencer", "deliverable", "trackedlink"])
def test_snippet_screens_render(admin_client, deliverable, model):
    base = f"wagtailsnippets_scheduling_{model}"
    assert admin_client.get(reverse(f"{base}:list")).status_code == 200
    assert admin_client.get(reverse(f"{base}:add")).status_code == 200
    if model == "deliverable":
        assert admin_client.get(reverse(f"{base}:edit", args=[deliverable.pk])).status_code == 200
    if model == "influencer":
        assert admin_client.get(reverse(f"{base}:edit", args=[deliverable.influencer_id])).status_code == 200


def test_menu_shows_calendar_to_editor_only_screens_they_may_use(client, editor, reviewer):
    client.force_login(editor)
    home = client.get("/admin/").content.decode()
    assert "Content calendar" in home or "scheduling" in home
    client.force_login(reviewer)
    assert client.get(reverse("scheduling_admin:calendar")).status_code == 200
    assert client.get(reverse("scheduling_admin:import")).status_code == 302


def test_reviewer_cannot_edit_deliverables(client, reviewer, deliverable):
    client.force_login(reviewer)
    url = reverse("wagtailsnippets_scheduling_deliverable:edit", args=[deliverable.pk])
    assert client.get(url).status_code in (302, 403)


def _form_data(influencer, home_fr, *, when, disclosure):
    return {
        "campaign_page": home_fr.pk,
        "campaign_code": "dt",
        "influencer": influencer.pk,
        "platform": "tiktok",
        "planned_at": when,
        "timezone": "Europe/Brussels",
        "draft_due_at": "",
        "key_message": "Msg",
        "variants-TOTAL_FORMS": "1",
        "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "1",
        "variants-MAX_NUM_FORMS": "1000",
        "variants-0-language": "nl",
        "variants-0-caption": "Tekst",
        "variants-0-hashtags": "",
        "variants-0-disclosure": disclosure,
        "variants-0-link_code": "abc123",
    }


def test_editor_plans_through_snippet_form(client, editor, influencer, home_fr):
    from campaigns.scheduling.models import Deliverable

    client.force_login(editor)
    url = reverse("wagtailsnippets_scheduling_deliverable:add")
    bad = client.post(url, _form_data(influencer, home_fr, when="2020-01-01 10:00", disclosure="Publicité"))
    assert bad.status_code == 200 and not Deliverable.objects.exists()
    body = bad.content.decode()
    assert "past" in body or "passé" in body
    good = client.post(url, _form_data(influencer, home_fr, when="2031-06-01 18:30", disclosure="Reclame"))
    assert good.status_code == 302, good.content.decode()[:2000]
    d = Deliverable.objects.get()
    assert d.local_planned_at.hour == 18 and d.variants.get().language == "nl"


def test_printable_poster_qr(admin_client, client, home_fr, influencer, django_user_model):
    from campaigns.scheduling.models import TrackedLink

    link = TrackedLink.objects.create(
        code="midi", hotspot_slug="gare-du-midi", campaign_page=home_fr, campaign_code="dt"
    )
    page = admin_client.get(reverse("scheduling_admin:poster", args=[link.pk]))
    assert page.status_code == 200 and "<svg" in page.content.decode() and "/go/midi" in page.content.decode()
    listing = admin_client.get(reverse("wagtailsnippets_scheduling_trackedlink:list"))
    assert reverse("scheduling_admin:poster", args=[link.pk]) in listing.content.decode()
    outsider = django_user_model.objects.create_user("out", "o@example.org", "pw-out-1234567")
    client.force_login(outsider)
    assert client.get(reverse("scheduling_admin:poster", args=[link.pk])).status_code == 302


def test_snippet_edit_of_approved_variant_needs_reapproval(
    client, editor, reviewer, deliverable, approve_all
):
    from campaigns.scheduling import services
    from campaigns.scheduling.models import Status

    fr = deliverable.variants.get(language="fr")
    nl = deliverable.variants.get(language="nl")
    services.submit_draft(fr.pk, caption="Texte")
    approve_all(fr, reviewer)
    client.force_login(editor)
    local = deliverable.local_planned_at.strftime("%Y-%m-%d %H:%M")
    data = {
        "campaign_page": deliverable.campaign_page_id,
        "campaign_code": deliverable.campaign_code,
        "influencer": deliverable.influencer_id,
        "platform": deliverable.platform,
        "planned_at": local,
        "timezone": "Europe/Brussels",
        "draft_due_at": "",
        "key_message": deliverable.key_message,
        "variants-TOTAL_FORMS": "2",
        "variants-INITIAL_FORMS": "2",
        "variants-MIN_NUM_FORMS": "1",
        "variants-MAX_NUM_FORMS": "1000",
    }
    for i, (v, caption) in enumerate(((fr, "Texte modifié après approbation"), (nl, nl.caption))):
        data.update(
            {
                f"variants-{i}-id": v.pk,
                f"variants-{i}-language": v.language,
                f"variants-{i}-caption": caption,
                f"variants-{i}-hashtags": v.hashtags,
                f"variants-{i}-disclosure": v.disclosure,
                f"variants-{i}-link_code": v.link_code,
            }
        )
    url = reverse("wagtailsnippets_scheduling_deliverable:edit", args=[deliverable.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    fr.refresh_from_db()
    nl.refresh_from_db()
    assert fr.status == Status.IN_REVIEW and fr.caption.startswith("Texte modifié")
    assert nl.status == Status.PLANNED and nl.version == 1
    page = client.get(reverse("scheduling_admin:variant", args=[fr.pk])).content.decode()
    assert "<ins>modifié après approbation</ins>" in page and "<del>" not in page

"""Editor journey, steps 2-4 of docs/journeys.md (§3): the live preview panel shows the page and the snippet being
edited (inside the iframe, on the production headers), and a change to a mix is a draft that the public mixing
checker does not show until a reviewer approves it (issue #12, finding 2 and requirement 5)."""

import json

import pytest
from playwright.sync_api import expect

from .conftest import _context, staff_login

pytestmark = pytest.mark.e2e

PAIR = ("cannabis", "mdma")  # a demo mix no other browser test reads


def _facts(live):
    code = (
        "import json; from campaigns.knowledge import read_substances; "
        "from campaigns.models import Mix, SubstancePage; "
        "slug = {k: s['fr']['slug'] for k, s in read_substances().items()}; "
        "fr = {p.slug: p for p in SubstancePage.objects.filter(locale__language_code='fr')}; "
        f"a, b = sorted([fr[slug['{PAIR[0]}']], fr[slug['{PAIR[1]}']]], key=lambda p: p.pk); "
        "m = Mix.objects.get(locale__language_code='fr', substance_a=a, substance_b=b); "
        "print(json.dumps({'page': a.pk, 'page_title': a.title, 'a': a.pk, 'b': b.pk, 'mix': m.pk, "
        "'risk': m.risk, 'explanation': m.explanation}))"
    )
    out = live.manage("shell", "-c", code)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _open_preview_panel(page):
    page.locator("button[data-side-panel-toggle=preview]").click()
    return page.frame_locator("iframe.w-preview__iframe").last


def _public_mix(browser, live, facts):
    context = _context(browser, live, locale="fr-BE", viewport={"width": 390, "height": 844})
    visitor = context.new_page()
    visitor.goto(f"/fr/prevention/mix/?a={facts['a']}&b={facts['b']}")
    result = visitor.locator("#mix-result section.mix-result")
    expect(result).to_be_visible()
    state = {"class": result.get_attribute("class"), "text": result.inner_text()}
    context.close()
    return state


def test_editor_previews_a_page_and_a_mix_and_a_mix_draft_waits_for_a_reviewer(desktop, browser, live):
    facts = _facts(live)
    page = desktop
    staff_login(page, live, "editor")

    # 1. A fact sheet's edit view: the live preview panel renders the page inside the iframe.
    page.goto(f"/admin/pages/{facts['page']}/edit/")
    frame = _open_preview_panel(page)
    expect(frame.locator("main h1")).to_contain_text(facts["page_title"], timeout=20_000)

    # 2. The mix's edit view: the preview shows the mixing checker with this mix, and follows the form.
    page.goto(f"/admin/snippets/campaigns/mix/edit/{facts['mix']}/")
    frame = _open_preview_panel(page)
    expect(frame.locator("section.mix-result")).to_contain_text(facts["explanation"][:40], timeout=20_000)

    # 3. The editor raises the risk and rewrites the explanation, and saves a draft.
    draft_text = "Brouillon e2e : MDMA et cannabis, risque relevé."
    # Wagtail's unsaved-changes watcher takes its reference copy of the form 2 s after the page loads: a person
    # never types sooner, a test must wait as long, or the preview is never told the form changed.
    page.wait_for_timeout(2_500)
    page.select_option("#id_risk", "dangerous")
    page.fill("#id_explanation", draft_text)
    page.locator("#id_explanation").blur()
    page.locator("button.action-save").first.click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_be_visible()

    # The preview shows the draft (the edit view loads the latest revision)…
    page.goto(f"/admin/snippets/campaigns/mix/edit/{facts['mix']}/")
    frame = _open_preview_panel(page)
    expect(frame.locator("section.mix-result")).to_contain_text(draft_text, timeout=20_000)
    expect(frame.locator("section.mix-result")).to_have_class("mix-result mix-result--dangerous")
    # … the public mixing checker, on a phone, still the published version.
    public = _public_mix(browser, live, facts)
    assert f"mix-result--{facts['risk']}" in public["class"]
    assert draft_text not in public["text"]

    # 4. The editor has no "Publish"; they submit to moderation. Still not public.
    assert page.locator("button[name=action-publish]").count() == 0
    page.locator("button[name=action-submit]").evaluate("button => button.click()")
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("soumis(e) à la relecture", timeout=20_000)
    public = _public_mix(browser, live, facts)
    assert f"mix-result--{facts['risk']}" in public["class"]
    assert draft_text not in public["text"]

    # 5. A moderator may not approve health content (no Approve, no Publish): a reviewer does, and only then does
    # the public checker show the new risk and text.
    context = _context(browser, live, locale="fr-BE", viewport={"width": 1280, "height": 900})
    moderator = context.new_page()
    staff_login(moderator, live, "moderator")
    moderator.goto(f"/admin/snippets/campaigns/mix/edit/{facts['mix']}/")
    expect(moderator.locator("#id_risk")).to_be_visible()
    assert moderator.locator("button[data-workflow-action-name=approve]").count() == 0
    assert moderator.locator("button[name=action-publish]").count() == 0
    context.close()

    context = _context(browser, live, locale="fr-BE", viewport={"width": 1280, "height": 900})
    reviewer = context.new_page()
    staff_login(reviewer, live, "reviewer")
    reviewer.goto(f"/admin/snippets/campaigns/mix/edit/{facts['mix']}/")
    approve = reviewer.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    approve.evaluate("button => button.click()")
    reviewer.wait_for_load_state()
    expect(reviewer.locator(".messages")).to_be_visible()
    context.close()

    public = _public_mix(browser, live, facts)
    assert "mix-result--dangerous" in public["class"]
    assert draft_text in public["text"]

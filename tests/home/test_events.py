"""One event taxonomy (home/events.py): templates, JavaScript, the proxy's allow-list and the reports read it."""

import json
import re
from pathlib import Path

import pytest
import responses
from django.template import Context, Template

from evaluation.tracking import ALLOWED_EVENTS, PATH_TO_HELP
from home.events import BY_NAME, EVENTS

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = list((ROOT / "templates").rglob("*.html"))
EVENT_TAG = re.compile(r"""{%\s*event\s+["']([a-z_]+)["']""")


def _render(source, **context):
    return Template("{% load platform_tags %}" + source).render(Context(context))


def test_every_event_a_template_names_is_declared_and_none_is_written_by_hand():
    named = set()
    for path in TEMPLATES:
        text = path.read_text()
        assert 'data-event="' not in text, f"{path}: write events with {{% event %}}, not by hand"
        keys = set(EVENT_TAG.findall(text))
        if keys:
            assert re.search(r"{%\s*load [^%]*\bplatform_tags\b", text), f"{path} uses {{% event %}} unloaded"
        named |= keys
    assert named, "no template emits an event"
    assert named <= {e.key for e in EVENTS}, named - {e.key for e in EVENTS}
    # Every event of the site's own (not Plausible's script) is emitted somewhere.
    own = {e.key for e in EVENTS if e.synced}
    assert own <= named, f"declared but never emitted: {own - named}"


def test_the_javascript_names_no_event():
    """Names come from the page's attributes, so renaming an event in the taxonomy cannot miss the script."""
    script = (ROOT / "static/js/site.js").read_text()
    for event in EVENTS:
        if event.name != "pageview":
            assert f'"{event.name}"' not in script, event.name


def test_the_tag_keeps_declared_code_props_and_drops_the_rest():
    html = _render(
        '{% event "service_contact" channel="call" category="harm-reduction" commune="rue X 12" name="Bob" %}'
    )
    assert html == 'data-event="Service contact" data-prop-channel="call" data-prop-category="harm-reduction"'
    # A value outside the declared set is dropped, not sent.
    assert "channel" not in _render('{% event "service_contact" channel="fax" %}')
    # Results and confirmations are sent on load.
    assert 'data-event-on="load"' in _render('{% event "quiz_completed" quiz=3 score=4 lang="fr" %}')


def test_an_undeclared_event_fails_the_render():
    with pytest.raises(KeyError, match="declare it"):
        _render('{% event "helpline_click" %}')


def test_the_proxy_allow_list_is_the_taxonomy():
    assert set(ALLOWED_EVENTS) == set(BY_NAME)
    assert all(name in BY_NAME for name in PATH_TO_HELP)


@pytest.fixture
def proxy_on(settings):
    settings.PLAUSIBLE_PROXY = True
    settings.PLAUSIBLE_DOMAIN = "prevention.brussels"
    settings.PLAUSIBLE_URL = "https://plausible.test"
    settings.RATELIMIT_ENABLE = False
    return settings


def _sample(spec):
    return {
        name: sorted(allowed)[0] if allowed else "code-1" for name, allowed in spec.items() if name != "url"
    }


@pytest.mark.django_db
@responses.activate
@pytest.mark.parametrize("event", [e for e in EVENTS if e.name != "pageview"], ids=lambda e: e.key)
def test_the_proxy_forwards_every_declared_event_with_its_props(client, proxy_on, event):
    responses.post("https://plausible.test/api/event", body="ok", status=202)
    props = _sample(event.props)
    response = client.post(
        "/stats/api/event",
        data=json.dumps({"n": event.name, "u": "https://prevention.brussels/fr/", "d": "x", "p": props}),
        content_type="text/plain",
    )
    assert response.status_code == 202, response.content
    assert json.loads(responses.calls[0].request.body).get("props", {}) == props


def test_the_documentation_shows_the_taxonomy():
    from home.events import markdown_table

    page = (ROOT / "docs/evaluation.md").read_text()
    shown = page.split("<!-- events:start -->")[1].split("<!-- events:end -->")[0].strip()
    assert shown == markdown_table()

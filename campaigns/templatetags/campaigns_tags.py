"""Template helpers of the campaigns app: JSON-LD with the CSP nonce, quiz/self-check forms, share links."""

from __future__ import annotations

import json
from urllib.parse import quote

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """<script type="application/ld+json"> for a page that has json_ld(request).

    No CSP nonce: a JSON-LD block is data, never executed, so `script-src` does not apply to it; and a body
    without a nonce can be kept by the page cache (home/cache.py refuses responses that carry one)."""
    request = context.get("request")
    if request is None or not hasattr(page, "json_ld"):
        return ""
    data = json.dumps(page.json_ld(request), ensure_ascii=False).translate(_JSON_ESCAPES)
    # `data` is JSON with <, > and & escaped (_JSON_ESCAPES): it cannot close the script element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))  # noqa: S308


@register.simple_tag
def quiz_questions(questionnaire, answers=None, field="answers"):
    """[(index, question value, [(option index, option value, checked)])] for a quiz or self-check form."""
    answers = answers or {}
    out = []
    for index, block in enumerate(questionnaire.questions):
        options = block.value[field]
        out.append(
            (index, block.value, [(j, option, answers.get(index) == j) for j, option in enumerate(options)])
        )
    return out


SHARE_URLS = {
    "whatsapp": "https://wa.me/?text={text}%20{url}",
    "telegram": "https://t.me/share/url?url={url}&text={text}",
    "facebook": "https://www.facebook.com/sharer/sharer.php?u={url}",
    "x": "https://x.com/intent/post?url={url}&text={text}",
    "email": "mailto:?subject={text}&body={url}",
}


@register.simple_tag(takes_context=True)
def share_links(context, networks):
    """[(network, label, href)] plain links that open the network's own share page (no script, no request before
    a tap)."""
    from campaigns.blocks import ShareLinksBlock

    request = context.get("request")
    page = context.get("page")
    url = (
        request.build_absolute_uri(page.url if page is not None and page.url else request.path)
        if request
        else ""
    )
    title = getattr(page, "title", "") if page is not None else ""
    labels = dict(ShareLinksBlock.NETWORKS)
    links = []
    for network in networks or []:
        if network in SHARE_URLS:
            href = SHARE_URLS[network].format(url=quote(url, safe=""), text=quote(str(title), safe=""))
            links.append((network, labels[network], href))
    return links

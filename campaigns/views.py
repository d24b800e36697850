"""Public views of the campaigns app: mixing checker, search, autocomplete, quiz and self-check evaluation.

None of them stores what the visitor typed or answered. Bad input gets a clear message (status 400), never a 500.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale, Page

from home import lexicon
from home.ratelimit import limit

from . import finder
from .models import Mix, Quiz, SelfCheck, SubstancePage
from .services import (
    MESSAGE_INCOMPLETE,
    MESSAGE_TAMPERED,
    IncompleteForm,
    TamperedForm,
    evaluate_quiz,
    evaluate_self_check,
)

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 100
MAX_RESULTS = 30
AUTOCOMPLETE_LIMIT = 8


def _locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def _clean_query(raw: str) -> tuple[str, bool]:
    """Collapse whitespace, drop control characters, cut absurdly long queries. Returns (query, was_cut)."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH], True
    return text, False


def _substances(locale):
    return SubstancePage.objects.live().public().filter(locale=locale)


# --- Mixing checker -------------------------------------------------------------------------------------


def _parse_id(raw):
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if 0 < value < 2**31 else None


@require_http_methods(["GET", "HEAD"])
@limit("mix")
def mix_checker(request):
    locale = _locale()
    substances = list(
        _substances(locale).order_by("title").only("id", "title", "translation_key", "locale_id")
    )
    context = {"substances": substances, "error": "", "result": None, "first": None, "second": None}
    status = 200
    if request.GET.get("a", "") or request.GET.get("b", ""):
        status = _check_mix(request.GET, substances, locale, context)
    template = (
        "campaigns/mix_result.html" if request.GET.get("partial") == "1" else "campaigns/mix_checker.html"
    )
    return render(request, template, context, status=status)


def _chosen_substances(query, substances) -> tuple:
    """The two substances chosen (query parameters a and b), as pages of the list in the page's language; None
    for one that is not a valid id. Ids of any language are accepted (the language switcher keeps the query
    string)."""
    ids = [_parse_id(query.get("a", "")), _parse_id(query.get("b", ""))]
    if None in ids:
        return None, None
    found = SubstancePage.objects.live().public().filter(pk__in=ids).only("id", "translation_key")
    keys = {p.pk: p.translation_key for p in found}
    local = {p.translation_key: p for p in substances}
    pages = {pk: local.get(key) for pk, key in keys.items()}
    return pages.get(ids[0]), pages.get(ids[1])


def _check_mix(query, substances, locale, context: dict) -> int:
    """Puts what is known about the two substances chosen (or why it cannot be said) in the context; returns
    the response's status."""
    first, second = _chosen_substances(query, substances)
    if first is None or second is None:
        context["error"] = _("Choose two substances from the list.")
        return 400
    if first.pk == second.pk:
        context["error"] = _("Choose two different substances.")
        context["first"] = first
        return 400
    context.update(first=first, second=second, result=Mix.lookup(first, second, locale.pk), checked=True)
    return 200


# --- Search ---------------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
@limit("search")
def search(request):
    """The one search's results page (campaigns/finder.py): help first, then the prevention content."""
    locale = _locale()
    query, was_cut = _clean_query(request.GET.get("q", ""))
    found = finder.find(query, locale=locale) if query else None
    context = {"query": query, "was_cut": was_cut, "found": found, "searched": bool(query)}
    return render(request, "campaigns/search.html", context)


def _typed_substance_names(found) -> dict[str, list[str]]:
    """The substances matched, in the order found, each with the names (or slang) that matched."""
    typed_names: dict[str, list[str]] = {}
    for _score, entry, _start, _length in found:
        if entry.kind != lexicon.SUBSTANCE:
            continue
        names = typed_names.setdefault(entry.key, [])
        if entry.label not in names:
            names.append(entry.label)
    return typed_names


def _need_suggestions(found) -> list[dict]:
    """The directory's needs matched (categories), each a link to the directory's search."""
    needs = list(
        dict.fromkeys(entry.key for _score, entry, _start, _length in found if entry.kind == lexicon.CATEGORY)
    )
    if not needs or not apps.is_installed("resources"):
        return []
    from resources.models import Category

    names = {c.code: c.name for c in Category.objects.filter(code__in=needs)}
    return [
        {"title": names[code], "slang": [], "url": reverse("resources:search") + "?category=" + code}
        for code in needs
        if code in names
    ]


@require_http_methods(["GET", "HEAD"])
@limit("autocomplete")
def autocomplete(request):
    """Suggestions with the search's own rules (home.lexicon): a substance by its name or slang in either
    language, accents, case and one typo aside, the last word as a prefix; then the directory's needs."""
    query, _cut = _clean_query(request.GET.get("q", ""))
    if len(query) < 2:
        return JsonResponse({"results": []})
    locale = _locale()
    found = lexicon.matches(query, prefix=True)
    typed_names = _typed_substance_names(found)
    keys = list(typed_names)
    pages = {
        str(page.translation_key): page
        for page in _substances(locale)
        .filter(translation_key__in=keys[:AUTOCOMPLETE_LIMIT])
        .only("id", "title", "slang_names", "url_path", "path", "depth", "locale_id", "translation_key")
    }
    data = []
    for key in keys:
        page = pages.get(key)
        if page is None:
            continue
        slang = [
            name for name in typed_names[key] if lexicon.normalize(name) != lexicon.normalize(page.title)
        ]
        data.append({"title": page.title, "slang": slang[:3], "url": page.get_url(request)})
    data += _need_suggestions(found)
    response = JsonResponse({"results": data[:AUTOCOMPLETE_LIMIT]})
    response["Cache-Control"] = "public, max-age=300"
    return response


# --- Quiz and self-check --------------------------------------------------------------------------------


def _return_page(request):
    """The page the quiz was taken on, in the active language when it has a live translation."""
    page_id = _parse_id(request.POST.get("page") or request.GET.get("page"))
    if page_id is None:
        return None
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        return None
    local = page.get_translations(inclusive=True).live().public().filter(locale=_locale()).first()
    return local or page


def _translations(obj):
    """The object's translations by language code, itself included (snippets with a draft state: live only)."""
    found = type(obj).objects.filter(translation_key=obj.translation_key).select_related("locale")
    if hasattr(type(obj), "live"):
        found = found.filter(live=True)
    return {item.locale.language_code: item for item in found}


def _in_active_language(request, model, pk, view_name):
    """(object, None) when the id is of the active language; (None, redirect) to its translation in the active
    language when it is of another one (a link kept across the language switcher); 404 when there is none, so
    that a page in one language never shows a quiz in another."""
    obj = get_object_or_404(model, pk=pk)
    if hasattr(model, "live") and not obj.live:
        raise Http404
    locale = _locale()
    if obj.locale_id == locale.pk:
        return obj, None
    local = _translations(obj).get(locale.language_code)
    if local is None:
        raise Http404
    url = reverse(view_name, args=[local.pk])
    page = _return_page(request)
    if page is not None:
        url += "?" + urlencode({"page": page.pk})
    return None, redirect(url)


def _language_urls(obj, view_name, return_page):
    """The language switcher of a quiz or self-check: the translation's own URL in each language (its own id),
    the return page's translation with it; the other language's home page when there is no translation."""
    urls = {}
    items = _translations(obj)
    pages = (
        {p.locale.language_code: p for p in return_page.get_translations(inclusive=True).live().public()}
        if return_page is not None
        else {}
    )
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if code in items:
                url = reverse(view_name, args=[items[code].pk])
                if code in pages:
                    url += "?" + urlencode({"page": pages[code].pk})
            else:
                url = reverse("wagtail_serve", args=[""]) + "?missing=1"
        urls[code] = url
    return urls


@csrf_exempt  # nothing personal is read or changed: an anonymous counter only (see docs/campaigns.md)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@limit("quiz", method="POST")
def quiz(request, pk):
    return _questionnaire(request, Quiz, pk, name="quiz", evaluate=evaluate_quiz)


@csrf_exempt  # see quiz()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@limit("quiz", method="POST")
def self_check(request, pk):
    return _questionnaire(request, SelfCheck, pk, name="self_check", evaluate=evaluate_self_check)


def _questionnaire(request, model, pk, *, name: str, evaluate):
    """A quiz or a self-check (its view, context variable and template are all called `name`): the questions,
    and with POST the result, or the questions again with a message (status 400) when an answer is missing or
    the form was tampered with."""
    obj, elsewhere = _in_active_language(request, model, pk, f"campaigns:{name}")
    if elsewhere:
        return elsewhere
    return_page = _return_page(request)
    context = {
        name: obj,
        "return_page": return_page,
        "error": "",
        "result": None,
        "language_urls": _language_urls(obj, f"campaigns:{name}", return_page),
    }
    status = _evaluate(request.POST, obj, evaluate, context) if request.method == "POST" else 200
    return render(request, f"campaigns/{name}.html", context, status=status)


def _evaluate(data, obj, evaluate, context: dict) -> int:
    """Puts the result of the answers in the context, or the message and the answers to keep; returns the
    response's status."""
    try:
        context["result"] = evaluate(obj, data)
    except IncompleteForm as exc:
        context["error"] = MESSAGE_INCOMPLETE
        context["missing"] = exc.args[0] if exc.args else []  # the questions to point out (quiz)
        context["answers"] = _kept_answers(data)
        return 400
    except TamperedForm:
        context["error"] = MESSAGE_TAMPERED
        return 400
    return 200


def _kept_answers(data) -> dict[int, int]:
    """The valid answers already given, to tick them again when the form comes back incomplete."""
    kept = {}
    for key, value in data.items():
        if key.startswith("q") and key[1:].isdigit() and value.isdigit():
            kept[int(key[1:])] = int(value)
    return kept

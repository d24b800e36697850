"""Public (non-admin) views: tracked links, QR codes, the influencer's brief behind a signed link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from home.once import first_time
from home.ratelimit import limit

from . import access, links, services
from .forms import DraftForm, ProofForm
from .models import AccessLog, ApprovalRecord, Status


def link_not_found(request, code=""):
    return render(request, "scheduling/link_not_found.html", {"code": code}, status=404)


@never_cache
@require_safe
def go(request, code: str):
    target = links.resolve(code)
    if target is None or target.page is None:
        return link_not_found(request, code)
    if request.method == "GET" and first_time(request, "go", code):
        links.count_click(code)
    url = target.page.get_url(request=request) or "/"
    response = HttpResponseRedirect(links.with_utm(url, target.utm))
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def qr_code(request, code: str):
    if not links.code_in_use(code):
        return link_not_found(request, code)
    svg = links.qr_svg(request.build_absolute_uri(f"/go/{code}"))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="qr-{code}.svg"'
    return response


# --- The influencer's brief behind a signed link ----------------------------------------------------------


# The brief's URL carries its secret (the signed token), so the page must not hand its URL to anyone else, yet the
# browser must still tell the site where its own forms come from. `strict-origin` does both:
# - Referer: only the origin ("https://prevention.brussels/"), never the path, on every request the page makes —
#   to third parties and to the site itself (its logs, the next page's `document.referrer` read by analytics);
#   nothing over plain HTTP from an HTTPS page;
# - Origin: a browser serialises the Origin of a POST as "null" when the policy is `no-referrer` (Fetch standard,
#   "serializing a request origin"), and Django's CSRF check refuses "null" ("Origin checking failed - null does
#   not match any trusted origins"): every draft, live URL and proof was refused. With `strict-origin` the
#   browser sends the real origin, which CsrfViewMiddleware matches against the host.
# `same-origin` would also fix the POST but would send the full URL, token included, as Referer on every request
# to the site itself; `no-referrer` stays on the /go/ redirect, which has no form.
BRIEF_REFERRER_POLICY = "strict-origin"


def _no_store(response):
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = BRIEF_REFERRER_POLICY
    response["X-Robots-Tag"] = "noindex"
    return response


def _render_brief(request, template: str, context: dict, status: int):
    # No analytics on these pages: the script would report their URL, token included, as a page view.
    return _no_store(render(request, template, {**context, "plausible_domain": ""}, status=status))


@limit("brief", method="POST")
def brief(request, token: str):
    """The brief of one deliverable for its influencer: read it, submit a draft caption, then the live URL and
    a screenshot. Expired or forged links get a clear message; every access is logged (no IP, no user agent)."""
    deliverable, outcome = access.read_token(token)
    refusal = _refusal(request, deliverable, outcome)
    if refusal is not None:
        return refusal
    variants = list(deliverable.variants.order_by("language"))
    forms_by_variant = {
        v.pk: {"draft": DraftForm(prefix=f"d{v.pk}"), "proof": ProofForm(prefix=f"p{v.pk}")} for v in variants
    }
    if request.method == "POST":
        done = _submit(request, deliverable, variants, forms_by_variant)
        if done is not None:
            return done
    else:
        access.log(deliverable, AccessLog.Outcome.VIEW)
    return _render_brief(
        request,
        "scheduling/brief.html",
        _brief_context(request, deliverable, variants, forms_by_variant),
        status=400 if request.method == "POST" else 200,
    )


def _refusal(request, deliverable, outcome):
    """The "invalid link" page (the use logged) for an expired or forged link, or an inactive influencer; None
    when the brief may be shown."""
    if outcome != AccessLog.Outcome.VIEW:
        access.log(deliverable, outcome)
        return _render_brief(request, "scheduling/brief_invalid.html", {"outcome": outcome}, 403)
    if not deliverable.influencer.active:
        access.log(deliverable, AccessLog.Outcome.REFUSED, "inactive influencer")
        return _render_brief(request, "scheduling/brief_invalid.html", {"outcome": "refused"}, 403)
    return None


def _submit_draft(request, variant, data: dict) -> None:
    services.submit_draft(variant.pk, caption=data["caption"], hashtags=data["hashtags"], via_link=True)
    messages.success(request, _("Thank you: your draft was sent for review."))


def _submit_proof(request, variant, data: dict) -> None:
    services.mark_published(variant.pk, live_url=data["live_url"], proof=data["proof"], via_link=True)
    messages.success(request, _("Thank you: the live post was recorded."))


# What the influencer may send for one variant: action -> (form, what is done with it).
BRIEF_ACTIONS = {"draft": (DraftForm, _submit_draft), "proof": (ProofForm, _submit_proof)}


def _submit(request, deliverable, variants, forms_by_variant):
    """A draft or a proof posted for one variant (every use logged). Returns the redirect after a success or an
    unreadable post; None when the brief is to be shown again with the form's errors or the service's message
    (the bound form takes the empty one's place)."""
    variant = next((v for v in variants if str(v.pk) == request.POST.get("variant")), None)
    action = request.POST.get("action")
    if variant is None or action not in BRIEF_ACTIONS:
        access.log(deliverable, AccessLog.Outcome.REFUSED, "unknown variant or action")
        messages.error(request, _("This form could not be read. Please try again."))
        return _no_store(redirect(request.path))
    form_class, apply = BRIEF_ACTIONS[action]
    form = form_class(request.POST, request.FILES, prefix=f"{action[0]}{variant.pk}")
    forms_by_variant[variant.pk][action] = form
    if not form.is_valid():
        access.log(deliverable, AccessLog.Outcome.REFUSED, f"invalid {action} form")
        return None
    try:
        apply(request, variant, form.cleaned_data)
    except ValidationError as exc:
        access.log(deliverable, AccessLog.Outcome.REFUSED, action)
        messages.error(request, " ".join(exc.messages))
        return None
    access.log(deliverable, AccessLog.Outcome.SUBMIT, f"{action} {variant.language}")
    return _no_store(redirect(request.path))


def _shared_comments(variants) -> dict[int, list]:
    """The reviewers' comments shared with the influencer, per variant, newest first."""
    shared: dict[int, list] = {}
    for record in (
        ApprovalRecord.objects.filter(variant__in=variants, share_with_influencer=True)
        .exclude(comment="")
        .order_by("-at")
    ):
        shared.setdefault(record.variant_id, []).append(record)
    return shared


def _brief_context(request, deliverable, variants, forms_by_variant) -> dict:
    shared = _shared_comments(variants)
    items = [
        {
            "variant": v,
            "comments": shared.get(v.pk, [])[:5],
            "link": request.build_absolute_uri(f"/go/{v.link_code}"),
            "can_draft": v.status in services.NOT_YET_APPROVED,
            "can_proof": v.status in (Status.APPROVED, Status.PUBLISHED),
            **forms_by_variant[v.pk],
        }
        for v in variants
    ]
    return {
        "deliverable": deliverable,
        "items": items,
        "local_slot": deliverable.local_planned_at,
        "local_due": deliverable.draft_due_at.astimezone(deliverable.zone)
        if deliverable.draft_due_at
        else None,
        "lead_hours": services.approval_lead().total_seconds() / 3600,
        # The influencer's own calendar feed (every deliverable of theirs, not only this one): people
        # without an admin account have no other way to find it.
        "feed_url": request.build_absolute_uri(
            reverse("scheduling_feed", args=[deliverable.influencer.feed_token])
        ),
    }

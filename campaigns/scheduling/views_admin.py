"""Admin screens of the scheduling app, on Wagtail's generic admin frame (WagtailAdminTemplateMixin), routed by
SchedulingAdminViewSet (viewsets.py) and registered in wagtail_hooks.py; every URL needs admin access.

Who may do what:
- the calendar, list and CSV export: planners (Editors, Moderators: scheduling.change_deliverable), Reviewers,
  anyone with scheduling.view_deliverable — all items; an account linked to an influencer (Influencers group):
  only that influencer's items;
- moving, CSV import, cancelling, marking published, metrics: planners only;
- review steps (approve / ask for changes): members of the Reviewers group only.
"""

from __future__ import annotations

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.widgets.button import HeaderButton

from home.admin_screens import AdminScreenMixin

from . import access, importing, links, services
from .calendar import (
    by_local_day,
    calendar_zone,
    campaign_moments,
    can_plan,
    can_use_calendar,
    compute_range,
    find_conflicts,
    own_influencer,
    sees_everything,
    variants_in_range,
    visible_variants,
)
from .forms import CalendarFilterForm, ImportForm, MetricForm, MoveForm, ProofForm, ReviewForm
from .models import (
    ClickDay,
    Deliverable,
    Influencer,
    Platform,
    ReviewStep,
    StaffFeedToken,
    Status,
    TrackedLink,
    Variant,
)


def _back(request, fallback: str):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def _filter_context(request):
    """The filter form and the filters it yields; invalid input gives a message and the defaults."""
    influencers, campaigns = _filter_choices(request.user)
    form = CalendarFilterForm(request.GET or None, influencers=influencers, campaigns=campaigns)
    view, anchor = "month", timezone.localdate()
    if not form.is_bound:
        return form, {}, view, anchor
    if not form.is_valid():
        messages.error(request, _("Some filters were not valid and were ignored."))
        return CalendarFilterForm(influencers=influencers, campaigns=campaigns), {}, view, anchor
    data = form.cleaned_data
    filters = {k: v for k, v in data.items() if k not in ("view", "date") and v}
    return form, filters, data["view"] or view, data["date"] or anchor


def _filter_choices(user):
    """The influencers (only their own for an influencer) and the campaign codes the user may filter on."""
    restricted = own_influencer(user) if not sees_everything(user) else None
    influencers = Influencer.objects.filter(pk=restricted.pk) if restricted else Influencer.objects.all()
    campaigns = sorted(
        set(visible_variants(user).values_list("deliverable__campaign_code", flat=True).distinct())
    )
    return influencers, campaigns


class SchedulingScreen(AdminScreenMixin, TemplateView):
    """A scheduling screen (home.admin_screens): Home › Influencer scheduling › [trail ›] its title; who may open it
    is `allowed`."""

    allowed = staticmethod(can_use_calendar)
    trail: tuple[tuple[str, str], ...] = ()  # (label, URL name) between the group and this screen

    def user_may_open(self, user) -> bool:
        return self.allowed(user)

    def get_breadcrumb_trail(self):
        return [
            {"url": "", "label": _("Influencer scheduling")},
            *({"url": reverse(name), "label": str(label)} for label, name in self.trail),
        ]


CALENDAR_TRAIL = ((gettext_lazy("Content calendar"), "scheduling_admin:calendar"),)


class CalendarView(SchedulingScreen):
    template_name = "scheduling/admin/calendar.html"
    page_title = gettext_lazy("Content calendar")
    header_icon = "calendar"

    def get_header_buttons(self):
        buttons = [
            HeaderButton(
                _("Export CSV"),
                url=reverse("scheduling_admin:export") + "?" + self.request.GET.urlencode(),
                icon_name="download",
            )
        ]
        if can_plan(self.request.user):
            buttons.append(
                HeaderButton(_("Import CSV"), url=reverse("scheduling_admin:import"), icon_name="upload")
            )
        return buttons

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, **_calendar_context(self.request))


def _calendar_context(request) -> dict:
    form, filters, view, anchor = _filter_context(request)
    zone = calendar_zone()
    rng = compute_range(view, anchor, zone)
    variants = variants_in_range(rng, user=request.user, filters=filters)
    _attach_warnings(variants)
    days = by_local_day(variants, zone)
    moments = campaign_moments(rng)
    nav, views = _navigation(request.GET, rng, anchor)
    return {
        "form": form,
        "rng": rng,
        "weeks": _weeks(rng, days, moments),
        "moments": moments,
        "list_days": [(day, days[day]) for day in rng.days if day in days],
        "lanes": _lanes(variants, rng) if rng.view == "lanes" else [],
        "count": len(variants),
        "conflict_count": sum(1 for v in variants if v.warnings),
        "zone_name": str(zone.key),
        "nav": nav,
        "views": views,
        "today": timezone.localdate(),
        "can_plan": can_plan(request.user),
        "move_form": MoveForm(),
    }


def _attach_warnings(variants) -> None:
    """Each variant's `warnings`: its conflicts with the others shown."""
    conflicts = find_conflicts(variants)
    for variant in variants:
        variant.warnings = conflicts.get(variant.pk, [])


def _navigation(params, rng, anchor) -> tuple[dict, dict]:
    """The query strings of the calendar's links, filters kept: previous, next and today in the same view; each
    view at the same date."""
    query = params.copy()
    nav = {}
    for name, day in (("previous", rng.previous), ("next", rng.next), ("today", timezone.localdate())):
        query["date"] = day.isoformat()
        nav[name] = query.urlencode()
    views = {}
    for name in ("month", "week", "day", "lanes", "list"):
        query["view"], query["date"] = name, anchor.isoformat()
        views[name] = query.urlencode()
    return nav, views


def _weeks(rng, days: dict, moments) -> list:
    """The month grid: per week, per day, (day, its variants, the campaign moments that cover it)."""
    return [
        [(day, days.get(day, []), [m for m in moments if m.covers(day)]) for day in week]
        for week in rng.weeks
    ]


def _lanes(variants, rng):
    """One row per influencer, one cell per day (the influencer lane view)."""
    rows: dict = {}
    for variant in variants:
        influencer = variant.deliverable.influencer
        row = rows.setdefault(influencer.pk, (influencer, {day: [] for day in rng.days}))
        row[1][variant.local_slot.date()].append(variant)
    return [
        (influencer, list(cells.items()))
        for influencer, cells in sorted(rows.values(), key=lambda r: r[0].name)
    ]


def export_csv(request):
    if not can_use_calendar(request.user):
        return permission_denied(request)
    _form, filters, view, anchor = _filter_context(request)
    rng = compute_range(view, anchor)
    variants = variants_in_range(rng, user=request.user, filters=filters)
    response = HttpResponse(
        importing.export_plan(variants, request=request), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="plan-{rng.first_day}-{rng.end_day}.csv"'
    return response


@require_POST
def move_view(request, pk: int):
    if not can_plan(request.user):
        return permission_denied(request)
    deliverable = get_object_or_404(Deliverable, pk=pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid day to move the post to."))
    else:
        try:
            result = services.move_deliverable(
                deliverable.pk, new_day=form.cleaned_data["date"], actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            local = result.deliverable.local_planned_at
            messages.success(
                request,
                _("Moved to %(when)s (%(zone)s).")
                % {"when": local.strftime("%Y-%m-%d %H:%M"), "zone": result.deliverable.timezone},
            )
    return _back(request, reverse("scheduling_admin:calendar"))


class ImportView(SchedulingScreen):
    """Import the plan from a CSV file (planners only): a dry run by default, all or nothing."""

    allowed = staticmethod(can_plan)
    trail = CALENDAR_TRAIL
    template_name = "scheduling/admin/import.html"
    page_title = gettext_lazy("Import the plan (CSV)")
    header_icon = "upload"
    columns = importing.PLAN_COLUMNS

    def run(self, file, *, dry_run: bool):
        return importing.import_plan(file, actor=self.request.user, dry_run=dry_run)

    def success_message(self, report) -> str:
        return _("Imported %(deliverables)s posts (%(variants)s language variants).") % {
            "deliverables": report.deliverables,
            "variants": report.variants,
        }

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ImportForm())
        return super().get_context_data(**kwargs, columns=self.columns)

    def post(self, request, *args, **kwargs):
        report = None
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report = self.run(form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"])
            except importing.CSVFileError as exc:
                messages.error(request, str(exc))
            else:
                if report.errors:
                    messages.error(request, _("Nothing was imported: fix the lines below and try again."))
                elif report.written:
                    messages.success(request, self.success_message(report))
        return self.render_to_response(self.get_context_data(form=form, report=report))


class ImportMetricsView(ImportView):
    page_title = gettext_lazy("Import post metrics (CSV)")
    columns = importing.METRIC_COLUMNS + importing.METRIC_OPTIONAL

    def run(self, file, *, dry_run: bool):
        return importing.import_metrics(file, actor=self.request.user, dry_run=dry_run)

    def success_message(self, report) -> str:
        return _("Imported %(count)s metrics rows.") % {"count": report.variants}


def _visible_variant_or_refuse(request, pk: int, queryset=None):
    """(variant, None) when the user may see it, else (None, response): the admin's usual "permission denied"
    for a variant that exists but belongs to someone else (an influencer account opening another influencer's
    item by URL), 404 for one that does not exist."""
    variant = (queryset if queryset is not None else visible_variants(request.user)).filter(pk=pk).first()
    if variant is not None:
        return variant, None
    if Variant.objects.filter(pk=pk).exists():
        return None, permission_denied(request)
    raise Http404


class VariantView(SchedulingScreen):
    """One language variant of a post: its facts, review, planning actions, metrics and history."""

    allowed = staticmethod(lambda user: True)  # who sees which variant: _visible_variant_or_refuse
    trail = CALENDAR_TRAIL
    template_name = "scheduling/admin/variant.html"
    header_icon = "date"

    def load(self, pk, **kwargs):
        queryset = visible_variants(self.request.user).select_related(
            "deliverable__influencer", "deliverable__campaign_page"
        )
        self.variant, refused = _visible_variant_or_refuse(self.request, pk, queryset)
        return refused

    def get_page_title(self):
        return f"{Platform(self.variant.deliverable.platform).label} · {self.variant.language.upper()}"

    def get_page_subtitle(self):
        return self.variant.get_status_display()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, **_variant_context(self.request, self.variant))


def _variant_context(request, variant) -> dict:
    deliverable = variant.deliverable
    planner = can_plan(request.user)
    # The team (planners, reviewers, viewers) sees the whole review; an influencer's own account sees only the
    # comments shared with them, and no one's user name (roles.md: never internal comments or personal data).
    team = sees_everything(request.user)
    approvals = variant.approvals.select_related("reviewer")
    if not team:
        approvals = approvals.filter(share_with_influencer=True).exclude(comment="")
    own = own_influencer(request.user)
    clicks = ClickDay.objects.filter(code=variant.link_code).order_by("-day")
    versions = services.caption_versions(variant)
    diff = services.word_diff(versions[-2][1], versions[-1][1]) if len(versions) > 1 else []
    return {
        "variant": variant,
        "deliverable": deliverable,
        "siblings": deliverable.variants.exclude(pk=variant.pk),
        "history": variant.events.select_related("actor"),
        "approvals": approvals,
        "team": team,
        "steps_done": services.steps_approved(variant),
        "steps": ReviewStep.choices,
        "can_plan": planner,
        "is_reviewer": services.is_reviewer(request.user),
        "can_review": services.is_reviewer(request.user)
        and variant.status in (Status.DRAFT_SUBMITTED, Status.IN_REVIEW),
        "review_form": ReviewForm(),
        "move_form": MoveForm(initial={"date": deliverable.local_planned_at.date()}),
        "proof_form": ProofForm(initial={"live_url": variant.live_url}),
        "metric_form": MetricForm(initial={"date": timezone.localdate()}),
        "metrics": variant.metrics.all(),
        "versions": versions,
        "diff": diff,
        "clicks": clicks[:60],
        "click_total": clicks.aggregate(total=Sum("count"))["total"] or 0,
        # Planners hand the signed link to the influencer; an influencer's own account opens it to submit.
        "brief_url": request.build_absolute_uri(access.brief_path(deliverable, variant.language))
        if planner or (own is not None and own.pk == deliverable.influencer_id)
        else "",
        "link_url": request.build_absolute_uri(f"/go/{variant.link_code}"),
        "zone_name": deliverable.timezone,
        "lead_hours": services.approval_lead().total_seconds() / 3600,
        "access_logs": deliverable.access_logs.all()[:20] if planner else [],
    }


def _form_errors(form) -> str:
    return " ".join(e for errs in form.errors.values() for e in errs)


def _review(request, variant) -> None:
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a step and a decision."))
        return
    variant = services.record_review(variant.pk, reviewer=request.user, **form.cleaned_data)
    messages.success(
        request, _("Review recorded. Status: %(status)s.") % {"status": variant.get_status_display()}
    )


def _start_review(request, variant) -> None:
    services.start_review(variant.pk, actor=request.user)
    messages.success(request, _("The draft is now in review."))


def _cancel(request, variant) -> None:
    services.cancel(variant.pk, actor=request.user)
    messages.success(request, _("Cancelled."))


def _publish(request, variant) -> None:
    form = ProofForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return
    services.mark_published(
        variant.pk,
        live_url=form.cleaned_data["live_url"],
        proof=form.cleaned_data["proof"],
        actor=request.user,
    )
    messages.success(request, _("Marked as published."))


def _metrics(request, variant) -> None:
    from .models import MetricSnapshot

    form = MetricForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return
    services.note_metrics(variant.pk, actor=request.user)  # refuses unpublished posts first
    data = form.cleaned_data
    MetricSnapshot.objects.update_or_create(variant=variant, date=data.pop("date"), defaults=data)
    messages.success(request, _("Metrics saved."))


# What a reviewer may do, then what only a planner may do, on a variant's screen.
VARIANT_ACTIONS = {
    "review": _review,
    "start_review": _start_review,
    "cancel": _cancel,
    "publish": _publish,
    "metrics": _metrics,
}


@require_POST
def variant_action(request, pk: int, action: str):
    variant, refused = _visible_variant_or_refuse(request, pk)
    if refused:
        return refused
    if action != "review" and not can_plan(request.user):
        return permission_denied(request)
    handler = VARIANT_ACTIONS.get(action)
    try:
        if handler is None:
            messages.error(request, _("Unknown action."))
        else:
            handler(request, variant)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("scheduling_admin:variant", args=[variant.pk]))


class FeedView(SchedulingScreen):
    """The user's personal iCalendar feed URL, and a button to revoke it (a new address). An influencer's own
    account gets the influencer's feed, the same address as on their brief page (one feed per influencer)."""

    template_name = "scheduling/admin/feed.html"
    page_title = gettext_lazy("My calendar feed")
    header_icon = "date"

    def _token(self, *, rotate: bool) -> str:
        user = self.request.user
        influencer = None if sees_everything(user) else own_influencer(user)
        if influencer is not None:
            if rotate:
                influencer.rotate_feed_token()
            return influencer.feed_token
        staff_token, _created = StaffFeedToken.objects.get_or_create(user=user)
        if rotate:
            staff_token.token = StaffFeedToken._meta.get_field("token").default()
            staff_token.save(update_fields=["token"])
        return staff_token.token

    def get_context_data(self, **kwargs):
        url = self.request.build_absolute_uri(reverse("scheduling_feed", args=[self._token(rotate=False)]))
        return super().get_context_data(**kwargs, feed_url=url)

    def post(self, request, *args, **kwargs):
        self._token(rotate=True)
        messages.success(request, _("A new feed address was made; the old one no longer works."))
        return redirect("scheduling_admin:feed")


@require_POST
def rotate_influencer_feed(request, pk: int):
    if not can_plan(request.user):
        return permission_denied(request)
    influencer = get_object_or_404(Influencer, pk=pk)
    influencer.rotate_feed_token()
    messages.success(request, _("A new feed address was made; the old one no longer works."))
    return _back(request, reverse("scheduling_admin:calendar"))


def influencer_feed_url(request, influencer: Influencer) -> str:
    return request.build_absolute_uri(reverse("scheduling_feed", args=[influencer.feed_token]))


class PosterView(SchedulingScreen):
    """A printable page for a poster/QR link: the QR code inline (SVG) and the short address."""

    allowed = staticmethod(sees_everything)
    template_name = "scheduling/admin/poster.html"
    page_title = gettext_lazy("Printable QR code")
    header_icon = "link"

    trail = ((gettext_lazy("Poster and QR links"), "wagtailsnippets_scheduling_trackedlink:list"),)

    def get_header_buttons(self):
        url = reverse("scheduling_qr", args=[self.link.code]) + "?download=1"
        return [HeaderButton(_("QR code (SVG)"), url=url, icon_name="download")]

    def load(self, pk, **kwargs):
        self.link = get_object_or_404(TrackedLink, pk=pk)

    def get_context_data(self, **kwargs):
        link = self.link
        url = self.request.build_absolute_uri(f"/go/{link.code}")
        svg = segno.make(url, error="m").svg_inline(scale=10, border=2)
        clicks = links.click_totals([link.code]).get(link.code, 0)
        svg = mark_safe(svg)  # noqa: S308 -- segno's SVG of our URL
        return super().get_context_data(**kwargs, link=link, url=url, svg=svg, clicks=clicks)

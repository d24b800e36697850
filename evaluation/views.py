"""Admin screens: the campaign report, the hotspot sheets and the regional overview (home.admin_screens: Home ›
Reports › …, exports as header buttons). They read stored data only (no HTTP calls)."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.widgets.button import HeaderButton

from . import exports
from .charts import line_chart
from .forms import CampaignReportForm, HotspotSheetForm, HotspotStatusForm, RegionalOverviewForm
from .hotspots import DEMAND_GOALS, build_sheet, record_status_change
from .models import ActionStatus, Axis, TrackedCampaign
from .permissions import (
    can_fetch_exact,
    can_open_hotspot_sheets,
    can_view_reports,
    may_reach_hotspot,
    plausible_configured,
)
from .reports import STEP_LABELS, CampaignReport, build_report, delta
from .selectors import hotspot, tracked_campaigns
from .viewsets import ReportScreenMixin


def export_buttons(query: dict) -> list[HeaderButton]:
    """The screen's exports as header buttons: the same query with export=csv or export=xlsx."""
    query = {k: v for k, v in query.items() if k != "export"}
    return [
        HeaderButton(_("Export CSV"), url=f"?{urlencode({**query, 'export': 'csv'})}", icon_name="download"),
        HeaderButton(
            _("Export XLSX"), url=f"?{urlencode({**query, 'export': 'xlsx'})}", icon_name="download"
        ),
    ]


def campaign_list() -> list[dict]:
    """Every campaign the report can show: the campaign pages with a code and the TrackedCampaign rows (two
    queries for the pages, one for the rows): a campaign page needs no TrackedCampaign row to be reachable."""
    demo = set(TrackedCampaign.objects.filter(is_demo=True).values_list("code", flat=True))
    return [
        {
            "code": t.code,
            "name": t.name,
            "starts_on": t.starts_on,
            "ends_on": t.ends_on,
            "is_demo": t.code in demo,
        }
        for t in tracked_campaigns()
    ]


def asked_window(form, count_field: str, default_count: int) -> tuple[date, int] | None:
    """(last day, number of windows or months) asked by the form of a sheet or overview: by default up to yesterday;
    None when the form is invalid. The form is bound only when the query string is not empty."""
    end, count = timezone.localdate() - timedelta(days=1), default_count
    if not form.is_bound:
        return end, count
    if not form.is_valid():
        return None
    return form.cleaned_data.get("end") or end, form.cleaned_data.get(count_field) or count


class ExportableReportMixin(ReportScreenMixin):
    """A report screen for readers of the reports whose result, once built (`result`), has its CSV and XLSX exports
    as header buttons; ?export=csv or ?export=xlsx answers with the file instead of the screen."""

    result = None

    def user_may_open(self, user) -> bool:
        return can_view_reports(user)

    def get_header_buttons(self):
        return export_buttons(self.request.GET) if self.result is not None else []

    def export_response(self, sections, filename: str):
        """The file asked for by ?export= (`sections()` gives its content), or None to show the screen."""
        respond = {"csv": exports.csv_response, "xlsx": exports.xlsx_response}.get(
            self.request.GET.get("export")
        )
        return respond(sections(), filename) if respond else None


class CampaignReportView(ExportableReportMixin, TemplateView):
    """The tracked campaigns and the report form (Home › Reports › Campaign reports), or one campaign's report
    (… › Campaign reports › Report: name) with its CSV and XLSX exports."""

    page_title = gettext_lazy("Campaign reports")
    header_icon = "table"

    def get_template_names(self):
        if self.result is None:
            return ["evaluation/admin/campaign_index.html"]
        return ["evaluation/admin/campaign_report.html"]

    def get_page_title(self):
        if self.result is None:
            return super().get_page_title()
        return _("Report: %(name)s") % {"name": self.result.target.name}

    def get_breadcrumb_trail(self):
        trail = super().get_breadcrumb_trail()
        if self.result is not None:
            trail.append({"url": reverse("evaluation_campaign_report"), "label": _("Campaign reports")})
        return trail

    def get(self, request, *args, **kwargs):
        campaigns = campaign_list()
        if "campaign" not in request.GET:
            return self.render_to_response(
                self.get_context_data(campaigns=campaigns, form=CampaignReportForm())
            )
        form = CampaignReportForm(request.GET)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(campaigns=campaigns, form=form), status=400)
        period, baseline = form.periods()
        report = build_report(form.target, period, baseline)
        filename = f"campaign-{report.target.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
        exported = self.export_response(lambda: report_sections(report), filename)
        if exported is not None:
            return exported
        self.result = report
        chart = line_chart(
            [(f"{row['date']:%d/%m}", row["visitors"]) for row in report.daily],
            title=_("Daily visitors of the campaign, %(period)s") % {"period": period},
            second=[(f"{row['date']:%d/%m}", row["pageviews"]) for row in report.daily],
            legend=(_("visitors"), _("pageviews")),
            markers=campaign_markers(report),
        )
        return self.render_to_response(
            self.get_context_data(
                report=report,
                form=form,
                chart=chart,
                metric_rows=metric_rows(report),
                can_fetch_exact=can_fetch_exact(request.user),
            )
        )


@require_POST
def fetch_exact(request):
    """Queue a Plausible query for the exact periods of a report (current and baseline). Says what happened: not
    configured (nothing queued), fetched, failed (and why), or queued for the task worker."""
    if not can_fetch_exact(request.user):
        raise PermissionDenied
    form = CampaignReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The figures could not be fetched: check the campaign and the dates."))
        return redirect("evaluation_campaign_report")
    query = urlencode({k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"})
    back = redirect(f"{reverse('evaluation_campaign_report')}?{query}")
    if not plausible_configured():
        messages.error(
            request,
            _(
                "Plausible is not configured on this server: exact figures cannot be fetched. Nothing was requested."
            ),
        )
        return back
    _report_exact_fetch(request, _enqueue_exact_periods(form))
    return back


def _enqueue_exact_periods(form: CampaignReportForm) -> list:
    """One task per period of the report (current and baseline): their results."""
    from .tasks import sync_campaign_period

    period, baseline = form.periods()
    return [
        sync_campaign_period.enqueue(form.target.code, p.start.isoformat(), p.end.isoformat())
        for p in (period, baseline)
    ]


def _report_exact_fetch(request, results: list) -> None:
    """Queued (the worker runs them later), fetched, or why the first failure failed."""
    from .tasks import failure_reason, task_outcome

    if not all(result.is_finished for result in results):
        messages.success(request, _("Exact figures requested from Plausible. Reload the report in a moment."))
        return
    failed = [o for o in map(task_outcome, results) if o.get("status") != "success"]
    if failed:
        messages.error(
            request,
            _("Plausible did not give the exact figures: %(reason)s") % {"reason": failure_reason(failed[0])},
        )
    else:
        messages.success(request, _("Exact figures fetched from Plausible."))


def campaign_markers(report: CampaignReport) -> list[tuple[int, str]]:
    """Campaign moments on the timeline: its start and end when they fall in the period shown."""
    markers = []
    for day, label in ((report.target.starts_on, _("start")), (report.target.ends_on, _("end"))):
        if day and report.period.start <= day <= report.period.end:
            markers.append(((day - report.period.start).days, label))
    return markers


def metric_rows(report: CampaignReport) -> list[dict]:
    """Rows of the headline table: metric, current, baseline, change in %."""
    cur, base = report.totals.current, report.totals.baseline
    rows = [
        (_("Visitors"), cur.visitors, base.visitors),
        (_("Visits"), cur.visits, base.visits),
        (_("Pageviews"), cur.pageviews, base.pageviews),
        (_("Engagement rate (100 − bounce rate, %)"), cur.engagement_rate, base.engagement_rate),
        (_("Visit duration (seconds)"), cur.visit_duration, base.visit_duration),
        (_("Events"), cur.events, base.events),
    ]
    return [{"label": label, "current": c, "baseline": b, "delta": delta(c, b)} for label, c, b in rows]


def report_sections(report: CampaignReport) -> list[exports.Section]:
    period, baseline = str(report.period), str(report.baseline)
    sections: list[exports.Section] = []
    sections.append(
        (
            _("Summary"),
            [_("Metric"), period, baseline, _("Change (%)")],
            [[r["label"], r["current"], r["baseline"], r["delta"]] for r in metric_rows(report)],
        )
    )
    sections.append(
        (
            _("Languages"),
            [_("Pages"), _("Visitors"), _("Pageviews"), _("Baseline visitors"), _("Baseline pageviews")],
            [
                [r.label, r.current.visitors, r.current.pageviews, r.baseline.visitors, r.baseline.pageviews]
                for r in report.languages
            ],
        )
    )
    for title, rows in report.sources.items():
        sections.append(
            (
                title,
                [_("Value"), _("Visitors"), _("Visits"), _("Baseline visitors")],
                [[r.label, r.current.visitors, r.current.visits, r.baseline.visitors] for r in rows],
            )
        )
    sections.append(
        (
            _("Path to help"),
            [
                _("Step"),
                _("Visitors"),
                f"{_('Share of the previous step')} (%)",
                f"{_('Share of campaign visitors')} (%)",
                _("Baseline visitors"),
            ],
            [
                [s.label, s.visitors, s.share_of_previous, s.share_of_first, b.visitors]
                for s, b in zip(report.path, report.path_baseline, strict=True)
            ],
        )
    )
    sections.append(
        (
            _("Daily"),
            [_("Date"), _("Visitors"), _("Pageviews")],
            [[row["date"], row["visitors"], row["pageviews"]] for row in report.daily],
        )
    )
    sections.append(
        (
            _("Social media"),
            [
                _("Platform"),
                _("Influencer"),
                _("Language"),
                _("Impressions"),
                _("Reach"),
                _("Engagements"),
                _("Link clicks"),
                _("Video views"),
            ],
            [
                [
                    r["platform"],
                    r["influencer_handle"],
                    r["language"],
                    r["impressions"],
                    r["reach"],
                    r["engagements"],
                    r["clicks"],
                    r["video_views"],
                ]
                for r in report.social
            ],
        )
    )
    sections.append(funnel_section(report))
    sections.extend(rollup_sections(report))
    sections.append((_("Caveats"), [_("Caveat")], [[c] for c in report.caveats]))
    return sections


def funnel_section(report: CampaignReport) -> exports.Section:
    period, baseline = str(report.period), str(report.baseline)
    return (
        _("Path to help by step"),
        [
            _("Step"),
            _("Measure"),
            _("Source"),
            f"{_('Visitors')} {period}",
            f"{_('Visitors')} {_('Baseline')} {baseline}",
            f"{_('Events')} {period}",
            f"{_('Events')} {_('Baseline')} {baseline}",
        ],
        [
            [
                step.title,
                line.label,
                _("our counter") if line.source == "clicks" else "Plausible",
                line.current,
                line.baseline,
                line.events,
                line.baseline_events,
            ]
            for step in report.funnel
            for line in step.lines
        ],
    )


def rollup_sections(report: CampaignReport) -> list[exports.Section]:
    rollups = report.rollups
    headers = [
        _("Value"),
        _("Visitors"),
        _("Baseline visitors"),
        _("Visits"),
        _("Baseline visits"),
        _("Tracked-link clicks"),
        _("Baseline clicks"),
        _("Views"),
        _("Baseline views"),
        _("Likes"),
        _("Baseline likes"),
        _("Shares"),
        _("Baseline shares"),
        _("Completion (%)"),
        _("Baseline completion (%)"),
    ]
    sections = []
    for _key, title, rows in rollups.dimensions:
        exact = rollups.has_exact
        sections.append(
            (
                title,
                headers,
                [
                    [
                        r.label,
                        r.current.visitors if exact else None,
                        r.baseline.visitors if exact else None,
                        r.current.visits if exact else None,
                        r.baseline.visits if exact else None,
                        r.current.clicks,
                        r.baseline.clicks,
                        r.current.views,
                        r.baseline.views,
                        r.current.likes,
                        r.baseline.likes,
                        r.current.shares,
                        r.baseline.shares,
                        r.current.completion,
                        r.baseline.completion,
                    ]
                    for r in rows
                ],
            )
        )
    return sections


class HotspotSheetView(ExportableReportMixin, TemplateView):
    """One hotspot's sheet (Home › Reports › Hotspot sheets › Hotspot sheet: name): printable, with its XLSX and
    CSV exports. A task force sees only its own hotspots' sheets."""

    template_name = "evaluation/admin/hotspot_sheet.html"
    header_icon = "site"

    def user_may_open(self, user) -> bool:
        return can_open_hotspot_sheets(user)

    def load(self, slug, **kwargs):
        if not may_reach_hotspot(self.request.user, slug):
            return permission_denied(self.request)  # another task force's hotspot
        self.hotspot = hotspot(slug)
        if self.hotspot is None:
            messages.error(self.request, _("Unknown hotspot: %(slug)s.") % {"slug": slug})
            return redirect("evaluation_hotspot_index")
        return None

    def get_page_title(self):
        return _("Hotspot sheet: %(name)s") % {"name": self.hotspot.name}

    def get_breadcrumb_trail(self):
        return [
            *super().get_breadcrumb_trail(),
            {"url": reverse("evaluation_hotspot_index"), "label": _("Hotspot sheets")},
        ]

    def get(self, request, slug, **kwargs):
        info = self.hotspot
        form = HotspotSheetForm(request.GET or None)
        asked = asked_window(form, "windows", 4)
        if asked is None:
            return self.render_to_response(self.get_context_data(form=form, hotspot=info), status=400)
        end, count = asked
        sheet = build_sheet(info, end=end, windows=count)
        exported = self.export_response(lambda: sheet_sections(sheet), f"hotspot-{slug}-{end:%Y%m%d}")
        if exported is not None:
            return exported
        self.result = sheet
        axes = list(Axis.choices)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                hotspot=info,
                sheet=sheet,
                axes=axes,
                goals=[(g, STEP_LABELS[g]) for g in DEMAND_GOALS],
                window_rows=window_rows(sheet, axes),
                funnel_rows=[{"window": w, "before": sheet.previous(w)} for w in sheet.windows],
                chart=line_chart(
                    [(f"{w.start:%m/%Y}", w.reach_visitors) for w in sheet.windows],
                    title=_("Hotspot reach and directory demand per six months"),
                    second=[(f"{w.start:%m/%Y}", w.demand_total) for w in sheet.windows],
                    legend=(_("reach (visitors)"), _("directory demand (events)")),
                ),
            )
        )


def window_rows(sheet, axes) -> list[dict]:
    return [
        {
            "window": w,
            "demand": [w.demand.get(goal, 0) for goal in DEMAND_GOALS],
            "actions": [w.actions.get(value, 0) for value, _label in axes],
        }
        for w in sheet.windows
    ]


FUNNEL_MEASURES = ("reach", "clicks", "help_seen", "help_actions")


def funnel_labels() -> tuple[str, ...]:
    """The measures of the path to help (FUNNEL_MEASURES), as column headers."""
    return (
        _("Reach (visitors)"),
        _("Tracked-link clicks"),
        _("Help seen (directory, service page)"),
        _("Help action (helpline, contact, slip, warm referral)"),
    )


def funnel_headers() -> list[str]:
    """Each measure of the path to help, then the same six months before."""
    before = _("six months before")
    return [header for label in funnel_labels() for header in (label, f"{label}, {before}")]


def sheet_sections(sheet) -> list[exports.Section]:
    services = [
        [
            str(group.category.name) if group.category else str(_("Without category")),
            service.name,
            service.slips_made,
            service.warm_referrals_sent,
        ]
        for group in sheet.directory.coverage
        for service in group.services
    ]
    return [
        (_("Path to help per six months"), [_("From"), _("To"), *funnel_headers()], _sheet_funnel(sheet)),
        _sheet_windows(sheet),
        (
            _("Action log"),
            [_("Date"), _("Axis"), _("Status"), _("Description"), _("Task force")],
            [
                [a.date, a.get_axis_display(), a.get_status_display(), a.description, a.task_force_group.name]
                for a in sheet.actions
            ],
        ),
        (
            _("Services by category"),
            [_("Category"), _("Service"), _("Referral slips made"), _("Warm referrals sent")],
            services,
        ),
        (
            _("Gaps"),
            [_("Code"), _("Category without a service")],
            [[category.code, str(category.name)] for category in sheet.directory.gaps],
        ),
    ]


def _sheet_funnel(sheet) -> list[list]:
    """Per window, each measure of the path to help beside the six months before."""
    rows = []
    for w in sheet.windows:
        before = sheet.previous(w)
        rows.append(
            [
                w.start,
                w.end,
                w.reach_visitors,
                before.reach_visitors,
                w.clicks,
                before.clicks,
                w.help_seen,
                before.help_seen,
                w.help_actions,
                before.help_actions,
            ]
        )
    return rows


def _sheet_windows(sheet) -> exports.Section:
    """Per window: reach, demand per goal and actions per axis."""
    axes = list(Axis.choices)
    headers = [_("From"), _("To"), _("Reach (visitors)"), _("Reach (visits)")]
    headers += [str(STEP_LABELS[g]) for g in DEMAND_GOALS] + [str(label) for _v, label in axes]
    rows = [
        [
            r["window"].start,
            r["window"].end,
            r["window"].reach_visitors,
            r["window"].reach_visits,
            *r["demand"],
            *r["actions"],
        ]
        for r in window_rows(sheet, axes)
    ]
    return (_("Six-month windows"), headers, rows)


def can_record_status(user) -> bool:
    return bool(user and user.is_active and user.has_perm("evaluation.add_hotspotstatuschange"))


class RegionalOverviewView(ExportableReportMixin, TemplateView):
    """Every hotspot side by side over a window of months (default: the six months up to yesterday); printable
    and exportable (Home › Reports › Regional overview of the hotspots). Holders of
    `evaluation.add_hotspotstatuschange` (the regional cell) record status changes."""

    template_name = "evaluation/admin/regional.html"
    page_title = gettext_lazy("Regional overview of the hotspots")
    header_icon = "globe"

    def post(self, request, *args, **kwargs):
        if not can_record_status(request.user):
            return permission_denied(request)
        status_form = HotspotStatusForm(request.POST)
        if status_form.is_valid():
            record_status_change(**status_form.cleaned_data, author=request.user)
            messages.success(request, _("Status change recorded."))
            return redirect(request.get_full_path())
        return self.show(status_form)

    def get(self, request, *args, **kwargs):
        return self.show(HotspotStatusForm() if can_record_status(request.user) else None)

    def show(self, status_form):
        from .regional import build_overview

        form = RegionalOverviewForm(self.request.GET or None)
        asked = asked_window(form, "months", 6)
        if asked is None:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        overview = build_overview(*asked)
        filename = f"regional-{overview.start:%Y%m%d}-{overview.end:%Y%m%d}"
        exported = self.export_response(lambda: regional_sections(overview), filename)
        if exported is not None:
            return exported
        self.result = overview
        axes = list(Axis.choices)
        for row in overview.rows:
            row.action_cells = action_cells(row, axes)
        return self.render_to_response(
            self.get_context_data(form=form, overview=overview, axes=axes, status_form=status_form),
            status=400 if status_form is not None and status_form.is_bound else 200,
        )


def action_cells(row, axes) -> list[str]:
    """Per axis, the hotspot's actions in the window by state ("Done 2, Planned 1")."""
    states = dict(ActionStatus.choices)
    return [
        ", ".join(f"{states.get(s, s)} {n}" for (a, s), n in sorted(row.actions.items()) if a == axis)
        for axis, _label in axes
    ]


def regional_sections(overview) -> list[exports.Section]:
    axes = list(Axis.choices)
    summary_headers = [_("Hotspot"), _("Status"), _("Since"), _("Reason"), *funnel_headers()]
    summary_headers += [f"{_('Actions')}: {label}" for _v, label in axes]
    monthly = [
        [row.hotspot.name, m.start, m.reach, m.clicks, m.help_seen, m.help_actions]
        for row in overview.rows
        for m in row.months
    ]
    history = [
        [
            row.hotspot.name,
            c.date,
            c.get_status_display(),
            c.reason,
            c.author.get_username() if c.author else None,
        ]
        for row in overview.rows
        for c in row.changes
    ]
    return [
        (_("Hotspots"), summary_headers, [_regional_summary(row, axes) for row in overview.rows]),
        (_("Per month"), [_("Hotspot"), _("Month"), *funnel_labels()], monthly),
        (_("Status history"), [_("Hotspot"), _("Date"), _("Status"), _("Reason"), _("Recorded by")], history),
    ]


def _regional_summary(row, axes) -> list:
    """A hotspot's status, each total of the path to help beside the six months before, its actions per axis."""
    status = row.status
    line = [row.hotspot.name]
    line += [status.get_status_display(), status.date, status.reason] if status else [None, None, None]
    for measure in FUNNEL_MEASURES:
        line += [getattr(row.totals, measure), getattr(row.before, measure)]
    return line + action_cells(row, axes)

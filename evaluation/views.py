"""Admin views: the campaign report and the hotspot sheets. They read stored data only (no HTTP calls)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import exports
from .charts import line_chart
from .forms import CampaignReportForm
from .models import TrackedCampaign
from .permissions import can_fetch_exact, can_view_reports
from .reports import CampaignReport, build_report, delta


def _require_reports(request):
    if not can_view_reports(request.user):
        raise PermissionDenied


def campaign_report(request):
    _require_reports(request)
    campaigns = TrackedCampaign.objects.order_by("code")
    if "campaign" not in request.GET:
        return render(
            request,
            "evaluation/admin/campaign_index.html",
            {"campaigns": campaigns, "form": CampaignReportForm()},
        )
    form = CampaignReportForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "evaluation/admin/campaign_index.html",
            {"campaigns": campaigns, "form": form},
            status=400,
        )
    period, baseline = form.periods()
    report = build_report(form.target, period, baseline)
    export = request.GET.get("export")
    filename = f"campaign-{report.target.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if export == "csv":
        return exports.csv_response(report_sections(report), filename)
    if export == "xlsx":
        return exports.xlsx_response(report_sections(report), filename)
    query = {k: v for k, v in request.GET.items() if k != "export"}
    chart = line_chart(
        [(f"{row['date']:%d/%m}", row["visitors"]) for row in report.daily],
        title=_("Daily visitors of the campaign, %(period)s") % {"period": period},
        second=[(f"{row['date']:%d/%m}", row["pageviews"]) for row in report.daily],
        legend=(_("visitors"), _("pageviews")),
    )
    return render(
        request,
        "evaluation/admin/campaign_report.html",
        {
            "report": report,
            "form": form,
            "chart": chart,
            "metric_rows": metric_rows(report),
            "csv_url": f"?{urlencode({**query, 'export': 'csv'})}",
            "xlsx_url": f"?{urlencode({**query, 'export': 'xlsx'})}",
            "can_fetch_exact": can_fetch_exact(request.user),
        },
    )


@require_POST
def fetch_exact(request):
    """Queue a Plausible query for the exact periods of a report (current and baseline)."""
    if not can_fetch_exact(request.user):
        raise PermissionDenied
    form = CampaignReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The figures could not be fetched: check the campaign and the dates."))
        return redirect("evaluation_campaign_report")
    from .tasks import sync_campaign_period

    period, baseline = form.periods()
    for p in (period, baseline):
        sync_campaign_period.enqueue(form.target.code, p.start.isoformat(), p.end.isoformat())
    messages.success(request, _("Exact figures requested from Plausible. Reload the report in a moment."))
    query = urlencode({k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"})
    return redirect(f"{reverse('evaluation_campaign_report')}?{query}")


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
            [[row["date"].isoformat(), row["visitors"], row["pageviews"]] for row in report.daily],
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
    sections.append((_("Caveats"), [_("Caveat")], [[c] for c in report.caveats]))
    return sections

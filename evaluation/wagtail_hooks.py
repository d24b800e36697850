from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .permissions import can_import_social, can_open_hotspot_sheets, can_view_reports
from .viewsets import EvaluationViewSetGroup, HotspotIndexView, SocialImportView


@hooks.register("register_admin_viewset")
def register_viewsets():
    return EvaluationViewSetGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path(
            "evaluation/campaign-report/",
            views.CampaignReportView.as_view(),
            name="evaluation_campaign_report",
        ),
        path("evaluation/campaign-report/fetch/", views.fetch_exact, name="evaluation_fetch_exact"),
    ]
    urls += [
        path("evaluation/hotspots/", HotspotIndexView.as_view(), name="evaluation_hotspot_index"),
        path(
            "evaluation/hotspots/<slug:slug>/",
            views.HotspotSheetView.as_view(),
            name="evaluation_hotspot_sheet",
        ),
        path("evaluation/social-import/", SocialImportView.as_view(), name="evaluation_social_import"),
        path(
            "evaluation/regional/", views.RegionalOverviewView.as_view(), name="evaluation_regional_overview"
        ),
    ]
    return urls


class ReportMenuItem(MenuItem):
    """An item of the Reports menu, shown to those who may open its screen (`may_open(user)`)."""

    def __init__(self, label, url_name: str, *, may_open, **kwargs):
        super().__init__(label, reverse(url_name), **kwargs)
        self.may_open = may_open

    def is_shown(self, request):
        return self.may_open(request.user)


@hooks.register("register_reports_menu_item")
def register_campaign_report_menu_item():
    return ReportMenuItem(
        _("Campaign reports"),
        "evaluation_campaign_report",
        may_open=can_view_reports,
        name="campaign-reports",
        icon_name="table",
        order=900,
    )


@hooks.register("register_reports_menu_item")
def register_social_import_menu_item():
    return ReportMenuItem(
        _("Import social metrics"),
        "evaluation_social_import",
        may_open=can_import_social,
        name="social-import",
        icon_name="upload",
        order=920,
    )


@hooks.register("register_reports_menu_item")
def register_hotspot_menu_item():
    return ReportMenuItem(
        _("Hotspot sheets"),
        "evaluation_hotspot_index",
        may_open=can_open_hotspot_sheets,
        name="hotspot-sheets",
        icon_name="site",
        order=910,
    )


@hooks.register("register_reports_menu_item")
def register_regional_menu_item():
    return ReportMenuItem(
        _("Regional overview"),
        "evaluation_regional_overview",
        may_open=can_view_reports,
        name="regional-overview",
        icon_name="globe",
        order=915,
    )

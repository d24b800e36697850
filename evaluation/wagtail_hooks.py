from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .permissions import can_view_reports
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
    def is_shown(self, request):
        return can_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_campaign_report_menu_item():
    return ReportMenuItem(
        _("Campaign reports"),
        reverse("evaluation_campaign_report"),
        name="campaign-reports",
        icon_name="table",
        order=900,
    )


class SocialImportMenuItem(MenuItem):
    def is_shown(self, request):
        from .permissions import can_import_social

        return can_import_social(request.user)


@hooks.register("register_reports_menu_item")
def register_social_import_menu_item():
    return SocialImportMenuItem(
        _("Import social metrics"),
        reverse("evaluation_social_import"),
        name="social-import",
        icon_name="upload",
        order=920,
    )


class HotspotMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return can_view_reports(user) or user.has_perm("evaluation.view_hotspotaction")


@hooks.register("register_reports_menu_item")
def register_hotspot_menu_item():
    return HotspotMenuItem(
        _("Hotspot sheets"),
        reverse("evaluation_hotspot_index"),
        name="hotspot-sheets",
        icon_name="site",
        order=910,
    )


@hooks.register("register_reports_menu_item")
def register_regional_menu_item():
    return ReportMenuItem(
        _("Regional overview"),
        reverse("evaluation_regional_overview"),
        name="regional-overview",
        icon_name="globe",
        order=915,
    )

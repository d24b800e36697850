"""Admin registrations of the site shell.

Who may do what: helplines and alert banners are edited by the "Editors" and "Moderators" groups (Wagtail's
snippet permissions add/change/delete); translators may only translate them (wagtail-localize); site settings
are changed by Moderators and superusers only.
"""

import copy
from types import SimpleNamespace

from django.db import models
from django.urls import path, reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.models import AbstractPage
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import translation_views, translation_workflow
from .mfa import views as mfa_views
from .models import AlertBanner, Helpline
from .widgets import PageChooser


class HelplineViewSet(SnippetViewSet):
    model = Helpline
    icon = "mail"
    menu_label = _("Helplines")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "service", "sort_order"]
    search_fields = ["name"]


class AlertBannerViewSet(SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = _("Alert banners")
    add_to_admin_menu = True
    menu_order = 301
    list_display = ["message", "severity", "starts_at", "ends_at"]


# Every page ForeignKey gets the page chooser whose label follows the admin language (home/widgets.py).
register_form_field_override(
    models.ForeignKey,
    to=AbstractPage,
    override=lambda db_field: {"widget": PageChooser(target_models=[db_field.remote_field.model])},
)

register_snippet(HelplineViewSet)
register_snippet(AlertBannerViewSet)


@hooks.register("register_admin_urls")
def register_mfa_urls():
    """Two-step verification pages (home/mfa/): every admin account passes through them after its password."""
    return [
        path("mfa/setup/", mfa_views.setup, name="mfa_setup"),
        path("mfa/verify/", mfa_views.verify, name="mfa_verify"),
        path("mfa/backup-codes/", mfa_views.backup_codes, name="mfa_backup_codes"),
    ]


@hooks.register("register_account_menu_item")
def mfa_account_menu_item(request):
    """Account → More actions: see how many backup codes are left, or make a new set."""
    return SimpleNamespace(
        label=_("Two-step verification: backup codes"),
        url=reverse_lazy("mfa_backup_codes"),
        help_text=_("New single-use codes for when your phone is not at hand (the old ones stop working)."),
    )


@hooks.register("construct_help_menu")
def translate_whats_new_per_request(request, menu_items):
    """Help → "What's new in Wagtail N": Wagtail formats this label once, when the help menu is first built, in the
    language of that first request (its `_(…) % version` evaluates the lazy string). A French or Dutch editor could
    then read it in English or in the other language for the life of the process: translate it for each request,
    on a copy (the registered item is shared between threads)."""
    for index, item in enumerate(menu_items):
        if item.name.startswith("whats-new-in-wagtail-"):
            version = item.name.removeprefix("whats-new-in-wagtail-")
            translated = copy.copy(item)
            translated.attrs = dict(item.attrs)
            translated.label = gettext("What's new in Wagtail %(version)s") % {"version": version}
            menu_items[index] = translated


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    """Settings → Outgoing e-mails: the outbox, its failed e-mails and their retry action (home/viewsets.py)."""
    from .viewsets import OutgoingEmailViewSet

    return OutgoingEmailViewSet()


# --- Translations go through moderation (home/translation_workflow.py) ---------------------------------------
# order=-1: before wagtail-localize's hooks, which replace the editor by the translation editor.


@hooks.register("before_edit_page", order=-1)
def translation_workflow_on_page(request, page):
    return translation_workflow.handle_editor_post(request, page)


@hooks.register("before_edit_snippet", order=-1)
def translation_workflow_on_snippet(request, instance):
    return translation_workflow.handle_editor_post(request, instance)


@hooks.register("register_admin_urls", order=-1)
def translation_update_url():
    """wagtail-localize's "Sync translated pages", whose "Publish immediately" only those who may publish see."""
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            translation_views.UpdateTranslationsView.as_view(),
            name="platform_update_translations",
        )
    ]

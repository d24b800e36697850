"""Admin screens of the site shell: the outbox of outgoing e-mails (Settings → Outgoing e-mails).

Who: superusers, and any group given "Can view outgoing e-mail" (the listing) and "Can change outgoing
e-mail" (the retry action). What: kind, subject (generic by design: no person's name), masked recipients,
status, attempts, the last error (its kind and the server's code, addresses removed) and the dates. Never the
body: the e-mail's content stays between the platform and its recipient.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from . import outbox
from .admin_screens import AdminScreenMixin
from .models import OutgoingEmail

KIND_LABELS = {
    "problem_report": _("Problem report on a listing"),
    "stale_listings": _("Listings to verify"),
    "reminder": _("Influencer scheduling reminder"),
    "other": _("Other (notifications, password resets)"),
}


def kind_label(row: OutgoingEmail) -> str:
    return KIND_LABELS.get(row.kind, row.kind)


class OutboxIndexView(generic.IndexView):
    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def _may_retry(self) -> bool:
        return self.permission_policy.user_has_permission(self.request.user, "change")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == OutgoingEmail.Status.FAILED and self._may_retry():
            buttons.append(
                MenuItem(
                    _("Retry"),
                    url=reverse("outgoing_emails:retry", args=[instance.pk]),
                    icon_name="resubmit",
                    priority=5,
                )
            )
        return buttons

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self._may_retry() and OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED).exists():
            buttons.append(
                HeaderButton(
                    _("Retry every failed e-mail"),
                    url=reverse("outgoing_emails:retry_all"),
                    icon_name="resubmit",
                )
            )
        return buttons


class RetryView(AdminScreenMixin, TemplateView):
    """GET: what will be retried (one failed e-mail, or all of them); POST: put it back in the queue (the worker
    sends it within a minute). Built by OutgoingEmailViewSet: Home › Outgoing e-mails › Retry failed e-mails."""

    model = OutgoingEmail
    index_url_name = None
    template_name = "home/admin/outbox_retry.html"
    page_title = _("Retry failed e-mails")
    header_icon = "mail"

    def user_may_open(self, user) -> bool:
        return ModelPermissionPolicy(OutgoingEmail).user_has_permission(user, "change")

    def load(self, pk=None):
        self.failed = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED)
        if pk is not None:
            self.failed = self.failed.filter(pk=get_object_or_404(OutgoingEmail, pk=pk).pk)

    def get_breadcrumb_trail(self):
        label = capfirst(OutgoingEmail._meta.verbose_name_plural)
        return [{"url": reverse(self.index_url_name), "label": label}]

    def get_context_data(self, **kwargs):
        rows = list(self.failed[:50])
        unknown = any(row.last_error.startswith(("Outcome unknown", "Interrupted")) for row in rows)
        return super().get_context_data(
            **kwargs,
            rows=rows,
            count=self.failed.count(),
            index_url=reverse(self.index_url_name),
            outcome_unknown=unknown,
        )

    def post(self, request, *args, **kwargs):
        count = outbox.retry(self.failed)
        messages.success(
            request,
            ngettext(
                "%(count)s e-mail is back in the queue.", "%(count)s e-mails are back in the queue.", count
            )
            % {"count": count},
        )
        return redirect(self.index_url_name)


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Outgoing e-mails")
    name = "outgoing_emails"
    url_prefix = "outgoing-emails"
    add_to_settings_menu = True
    menu_order = 900
    index_view_class = OutboxIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = []
    list_display = [
        "subject",  # the title column, with the row's buttons (retry, delete)
        DateColumn("created_at", label=_("queued")),
        Column("kind", label=_("kind"), accessor=kind_label),
        Column("recipients", label=_("recipients"), accessor="recipients_masked"),
        StatusTagColumn("status", label=_("status"), accessor="get_status_display", primary=False),
        "attempts",
        "last_error",
        DateColumn("next_attempt_at", label=_("next attempt")),
        DateColumn("sent_at", label=_("sent")),
    ]
    list_filter = ["status", "kind"]
    search_fields = None

    def get_queryset(self, request):
        return OutgoingEmail.objects.defer("body", "html")

    def get_urlpatterns(self):
        retry = self.construct_view(RetryView)
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in ("add", "edit")] + [
            path("retry/", retry, name="retry_all"),
            path("retry/<int:pk>/", retry, name="retry"),
        ]

"""Registers the scheduling admin screens (see viewsets.py and views_admin.py for who may do what)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet

from .models import TrackedLink
from .viewsets import SchedulingAdminViewSet, SchedulingGroup

register_snippet(SchedulingGroup)


@hooks.register("register_admin_viewset")
def register_scheduling_screens():
    return SchedulingAdminViewSet()


@hooks.register("register_snippet_listing_buttons")
def poster_print_button(snippet, user, next_url=None):
    if isinstance(snippet, TrackedLink):
        yield Button(
            _("Printable QR code"),
            reverse("scheduling_admin:poster", args=[snippet.pk]),
            icon_name="link",
            priority=50,
        )

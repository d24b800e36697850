"""Registers the scheduling admin screens (see viewsets.py and views_admin.py for who may do what)."""

from django.urls import include, path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import admin_urls
from .viewsets import SchedulingGroup

register_snippet(SchedulingGroup)


@hooks.register("register_admin_urls")
def register_scheduling_urls():
    return [path("scheduling/", include(admin_urls, namespace="scheduling_admin"))]

"""Unprefixed routes: tracked short links, their QR codes and the iCalendar feeds."""

from django.urls import path

from . import feeds, views_public

urlpatterns = [
    path("go/<str:code>", views_public.go, name="scheduling_go"),
    path("go/<str:code>/qr.svg", views_public.qr_code, name="scheduling_qr"),
    path("scheduling/feed/<str:token>.ics", feeds.feed, name="scheduling_feed"),
]

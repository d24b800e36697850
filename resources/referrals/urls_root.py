"""Unprefixed routes: the stateless short link of a slip (/r/<language>-<ids in base 36>)."""

from django.urls import path

from . import views

urlpatterns = [
    path("r/<str:code>", views.short_link_view, name="referrals_short"),
]

"""Language-prefixed routes (`/fr/…`, `/nl/…`): the influencer's brief page behind a signed link, and the
prefixed twins of the short links (Django's LocaleMiddleware sends an unknown `/go/<code>` to `/<lang>/go/<code>`
so that the friendly "unknown link" page is shown in the visitor's language)."""

from django.urls import path

from . import views_public

app_name = "scheduling"

urlpatterns = [
    path("go/<str:code>", views_public.go, name="go"),
    path("go/<str:code>/qr.svg", views_public.qr_code, name="qr"),
    path("brief/<str:token>/", views_public.brief, name="brief"),
]

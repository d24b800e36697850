"""The site's URLs plus /media/ served by Django (the proxy's job in production), for tools/live_settings.py."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve
from urls import handler500  # noqa: F401
from urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]

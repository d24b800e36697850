"""settings.production for the local quality checks (tools/live_site.py): the same in every respect, except that
Django serves MEDIA_URL itself, as the reverse proxy does in production, so that pages show their images."""

from settings.production import *  # noqa: F403

ROOT_URLCONF = "tools.live_urls"

"""Set the public host and port of the site (the default Wagtail Site), run by every deployment after `migrate`:

    python manage.py set_site --host prevention.brussels --port 443

Without --host it reads SITE_HOST (and SITE_PORT) from the environment, else takes the host and port of
WAGTAILADMIN_BASE_URL (the address e-mails link to, which production derives from CSRF_TRUSTED_ORIGINS or
ALLOWED_HOSTS when unset): one address for the pages and the e-mails. The sitemap, canonical links and JSON-LD use
this host. It also creates what the site needs to serve a page, when missing: the home page in each locale
(`migrate` creates configuration only, no content)."""

import os
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.services import set_default_site

HOST_RE = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")


class Command(BaseCommand):
    help = "Set the public host and port of the default site: set_site --host prevention.brussels --port 443"

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=os.environ.get("SITE_HOST", ""),
            help="default: $SITE_HOST, else WAGTAILADMIN_BASE_URL's",
        )
        parser.add_argument(
            "--port",
            default=os.environ.get("SITE_PORT", ""),
            help="default: $SITE_PORT, else 443 or the base URL's",
        )
        parser.add_argument("--name", default="", help="site name (optional)")

    def handle(self, *args, host, port, name, **options):
        if not host:
            host, port = _from_base_url(port)
        host = _checked_host(host)
        port = _checked_port(port or 443)
        site = set_default_site(hostname=host, port=port, site_name=name or None)
        self.stdout.write(self.style.SUCCESS(f"Default site: {site.root_url}/"))


def _from_base_url(port):
    """The host of WAGTAILADMIN_BASE_URL (not localhost), and its port unless one is given; else no host."""
    base = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "")
    if base.hostname and base.hostname not in ("localhost",):
        return base.hostname, port or base.port or (443 if base.scheme == "https" else 80)
    return "", port


def _checked_host(host: str) -> str:
    if not host:
        raise CommandError(
            "Give --host (or set SITE_HOST or WAGTAILADMIN_BASE_URL), e.g. --host prevention.brussels."
        )
    if not HOST_RE.match(host):
        raise CommandError(f"Not a host name: {host!r} (no scheme, no path, no port).")
    return host


def _checked_port(port) -> int:
    try:
        port = int(port)
    except ValueError as exc:
        raise CommandError(f"Not a port: {port!r}.") from exc
    if not 0 < port < 65536:
        raise CommandError(f"Not a port: {port}.")
    return port

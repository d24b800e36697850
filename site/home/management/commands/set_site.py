"""Set the public host and port of the site (the default Wagtail Site), run by every deployment after `migrate`:

    python manage.py set_site --host prevention.brussels --port 443

Without arguments it reads SITE_HOST and SITE_PORT from the environment. The sitemap, canonical links, JSON-LD
and e-mailed links use this host; the default record created by `migrate` says localhost:80."""

import os
import re

from django.core.management.base import BaseCommand, CommandError

from home.services import set_default_site

HOST_RE = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")


class Command(BaseCommand):
    help = "Set the public host and port of the default site: set_site --host prevention.brussels --port 443"

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("SITE_HOST", ""), help="default: $SITE_HOST")
        parser.add_argument(
            "--port", default=os.environ.get("SITE_PORT", "443"), help="default: $SITE_PORT or 443"
        )
        parser.add_argument("--name", default="", help="site name (optional)")

    def handle(self, *args, host, port, name, **options):
        if not host:
            raise CommandError("Give --host (or set SITE_HOST), e.g. --host prevention.brussels.")
        if not HOST_RE.match(host):
            raise CommandError(f"Not a host name: {host!r} (no scheme, no path, no port).")
        try:
            port = int(port)
        except ValueError as exc:
            raise CommandError(f"Not a port: {port!r}.") from exc
        if not 0 < port < 65536:
            raise CommandError(f"Not a port: {port}.")
        site = set_default_site(hostname=host, port=port, site_name=name or None)
        self.stdout.write(self.style.SUCCESS(f"Default site: {site.root_url}/"))

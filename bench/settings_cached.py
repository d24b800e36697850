"""settings.production plus the page cache (home.cache.PageCacheMiddleware), for `make bench`'s cached pass
until the lead wires the middleware into settings.production."""

from settings.production import *  # noqa: F403
from settings.production import MIDDLEWARE

if "home.cache.PageCacheMiddleware" not in MIDDLEWARE:
    MIDDLEWARE = list(MIDDLEWARE)
    MIDDLEWARE.insert(
        MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1, "home.cache.PageCacheMiddleware"
    )

"""Settings shared by every environment. Everything that varies comes from the environment (see README)."""

from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

from .env import database_from_url, env_bool, env_int, env_list, env_rate, env_str

SITE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SITE_DIR.parent

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Project apps, in layer order: home <- resources <- campaigns <- evaluation.
PROJECT_APPS = ["home", "resources", "resources.referrals", "campaigns", "campaigns.scheduling", "evaluation"]
INSTALLED_APPS = [
    *PROJECT_APPS,
    # Wagtail and translation.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]
# The demo and benchmark data (demo/ at the top of the checkout: load_demo, generate_services, bench_*). No
# models; the apps never import it, so a deployment without the folder runs the same.
if find_spec("demo") is not None:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.http_cache.CacheControlMiddleware",  # Cache-Control on every response (home/http_cache.py)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.PlatformLocaleMiddleware",
    "home.input_guard.ControlCharacterGuardMiddleware",  # after the locale: the 400 is in the visitor's language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "home.mfa.middleware.AdminMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "home.middleware.PlatformCSPMiddleware",
    "home.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the 429 page (home/login_throttle.py)
]

ROOT_URLCONF = "urls"
WSGI_APPLICATION = "wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.platform",
            ],
        },
    },
]

# SQLite beside the code unless DATABASE_URL names another database (production requires PostgreSQL).
DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL"))
    if env_str("DATABASE_URL")
    else {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env_str("SQLITE_PATH") or str(BASE_DIR / "db.sqlite3"),
        "OPTIONS": {"timeout": 20},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "platform"}}

# Login throttling (django-axes): the first backend refuses any authentication for a (username, IP address)
# pair that failed LOGIN_FAILURE_LIMIT times within LOGIN_COOLOFF_MINUTES; a successful login clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------------------------------
# French and Dutch are equal peers. A third locale is added here (and in LANGUAGE_CODES) plus a catalogue in
# locale/<code>/: no code changes (tests/home/test_i18n.py proves it).
LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English", "de": "Deutsch"}
LANGUAGE_CODES = env_list("LANGUAGE_CODES", ["fr", "nl"])
LANGUAGE_CODE = LANGUAGE_CODES[0]
LANGUAGES = [(code, LANGUAGE_NAMES.get(code, code)) for code in LANGUAGE_CODES]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = (
    [*LANGUAGES, ("en", "English")] if "en" not in LANGUAGE_CODES else LANGUAGES
)
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
LANGUAGE_COOKIE_NAME = "django_language"

# --- Static and media ------------------------------------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail ---------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Brussels Prevention"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# On PostgreSQL, full-text search with the configuration of campaigns/migrations/0005 (unaccented words, no
# stemming: French and Dutch in one index); SQLite's FTS5 ignores it (docs/campaigns.md, "One search").
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "prevention_search"}
}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "csv", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]  # no SVG uploads
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_MODERATION_ENABLED = True
# Health content is published by its four-eyes review, other content as Wagtail does (campaigns/review.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "campaigns.workflow_finish.publish_approved"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
# A new translation is a draft, whatever the source's state: it goes live through moderation like any change
# (home/translation_workflow.py; wagtail-localize publishes it at once when the source is live otherwise).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None  # machine translation off unless configured (see README)
if env_str("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": env_str("DEEPL_API_KEY")},
    }

# --- Background tasks (django-tasks) ---------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- E-mail ----------------------------------------------------------------------------------------------
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Brussels Prevention <no-reply@prevention.brussels>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every SMTP or provider call has an explicit timeout (seconds per network operation). E-mails go through the
# outbox (home/outbox.py): written in the request, sent by the task worker with EMAIL_TIMEOUT, retried with a
# growing delay (EMAIL_RETRY_DELAY seconds, doubled each time, at most an hour) up to EMAIL_MAX_ATTEMPTS
# times, then listed as failed in the admin (Settings → Outgoing e-mails). The warm referral is the only
# e-mail sent during a request (never stored): REFERRALS_EMAIL_TIMEOUT.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
REFERRALS_EMAIL_TIMEOUT = env_int("REFERRALS_EMAIL_TIMEOUT", 3)
EMAIL_RETRY_DELAY = env_int("EMAIL_RETRY_DELAY", 60)
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 10)
# The backend that really delivers what the outbox holds; empty = EMAIL_BACKEND (settings.production sets
# EMAIL_BACKEND to the outbox and this to SMTP or the django-anymail provider).
OUTBOX_EMAIL_BACKEND = ""

# --- Retention (manage.py purge_expired, daily; home/retention.py) ---------------------------------------
PROBLEM_REPORT_RETENTION_DAYS = env_int("PROBLEM_REPORT_RETENTION_DAYS", 180)
SCHEDULING_ACCESS_LOG_DAYS = env_int("SCHEDULING_ACCESS_LOG_DAYS", 90)
EMAIL_OUTBOX_KEEP_DAYS = env_int("EMAIL_OUTBOX_KEEP_DAYS", 30)
EMAIL_OUTBOX_KEEP_FAILED_DAYS = env_int("EMAIL_OUTBOX_KEEP_FAILED_DAYS", 90)
# The Belgian poison centre (Centre Antipoisons / Antigifcentrum), 24/7, in the help strip of every page.
POISON_CENTRE_NUMBER = env_str("POISON_CENTRE_NUMBER", "070 245 245")
DIRECTORY_MANAGERS_EMAILS = env_list("DIRECTORY_MANAGERS_EMAILS", ["directory@prevention.brussels"])

# --- Analytics (Plausible): off unless a domain is configured -----------------------------------------
PLAUSIBLE_DOMAIN = env_str("PLAUSIBLE_DOMAIN")
PLAUSIBLE_URL = env_str("PLAUSIBLE_URL", "https://plausible.io").rstrip("/")
PLAUSIBLE_API_KEY = env_str("PLAUSIBLE_API_KEY")
PLAUSIBLE_PROXY = env_bool("PLAUSIBLE_PROXY", False)
# Stats API requests allowed per sliding hour (plausible.io: 600 per key), and the minutes without a sign of life
# after which a "running" sync is marked failed (docs/evaluation.md, "Sync").
PLAUSIBLE_HOURLY_BUDGET = env_int("PLAUSIBLE_HOURLY_BUDGET", 550)
PLAUSIBLE_SYNC_STALE_MINUTES = env_int("PLAUSIBLE_SYNC_STALE_MINUTES", 10)

# --- Maps ------------------------------------------------------------------------------------------------
# Tiles are loaded only when the visitor opens the map; empty means "no tiles" (the list still works).
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
)

# --- Security --------------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Rate limits of public forms and searches (home/ratelimit.py): per client address, in the default cache
# (Redis in production). Each rate is "<count>/<period>" (s, m, h, d; "30/10m"), overridable by
# RATELIMIT_<NAME> in the environment; an empty value turns that limit off. A visitor over a limit gets a 429
# page in their language and nothing is stored or sent. The client address: see TRUST_X_FORWARDED_FOR below.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "home.ratelimit.client_ip"
RATELIMIT_FAIL_OPEN = env_bool("RATELIMIT_FAIL_OPEN", True)  # a cache outage must not lock everyone out
_RATELIMIT_DEFAULTS = {
    "search": "120/m",  # directory search and campaign search (GET): real use never gets near it
    "autocomplete": "300/m",  # substance autocomplete, one request per keystroke
    "api": "300/m",  # HSDS open-data API
    "mix": "60/m",  # mixing checker (GET form)
    "slip": "120/m",  # referral slip builder (GET; each add or remove is a request)
    "quiz": "30/10m",  # quiz and self-check answers (POST): a classroom behind one address
    "report": "5/h",  # "report a problem" on a listing (POST; e-mails the directory team)
    "warm": "10/h",  # warm referral notices (POST; e-mails a service)
    "brief": "60/h",  # influencer's brief behind a signed link (POST: draft, live post)
    "event": "120/m",  # first-party analytics event proxy (POST)
    "password_reset": "5/h",  # the admin's "forgotten password" form (POST; e-mails an account)
}
RATELIMITS = {
    name: env_rate(f"RATELIMIT_{name.upper()}", default) for name, default in _RATELIMIT_DEFAULTS.items()
}

# Login throttling (django-axes, docs/security.md). The database handler works with no configuration;
# settings.production switches to the shared cache when REDIS_URL is set.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # store failed attempts only, never a log of every successful login
AXES_LOCKOUT_CALLABLE = "home.login_throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "home.login_throttle.client_ip"
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)

# Two-step verification for every admin account (home/mfa/, docs/security.md): TOTP (django-otp) plus
# single-use backup codes. Off only where the environment says so (settings.test turns it off by default).
ADMIN_MFA_REQUIRED = env_bool("ADMIN_MFA_REQUIRED", True)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Plausible's script and events: from the site's own origin through the proxy (evaluation/urls_root.py), else
# from PLAUSIBLE_URL, allowed by origin (no nonce: pages stay cacheable by the page cache).
if PLAUSIBLE_DOMAIN and not PLAUSIBLE_PROXY:
    for _directive in ("script-src", "connect-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive].append(PLAUSIBLE_URL)

ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, "https://www.youtube-nocookie.com"],
        "media-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "filters": {"once_a_minute": {"()": "home.logging.OncePerInterval", "interval": 60}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # lockouts only, not every login
        "wagtail.contrib.redirects": {"level": "WARNING"},
        # A cache (Redis) outage: logged once a minute, not on every request (settings.env.redis_cache).
        "home.cache_outage": {"level": "WARNING", "filters": ["once_a_minute"]},
    },
}

# Project-level knobs.
REVIEW_STALE_AFTER_DAYS = env_int("REVIEW_STALE_AFTER_DAYS", 183)

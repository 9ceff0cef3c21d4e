"""Settings, read from the environment (see README, "Configuration")."""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from dpg_registry.lib.env import (
    read_bool,
    read_cache,
    read_hex_key,
    read_hex_keys,
    read_int,
    read_list,
    read_rate,
    read_secret_key,
    read_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(read_str("DPG_VAR_DIR", "var")).resolve()

DEBUG = read_bool("DEBUG", False)
SECRET_KEY = read_secret_key(VAR_DIR)
# The audit trail's key (docs/threat-model.md, "The audit trail"): kept out of the database, so that someone
# who can write the database cannot reseal the trail. Retired keys stay to verify what they sealed.
DPG_AUDIT_KEY = read_hex_key("DPG_AUDIT_KEY", VAR_DIR, "audit-key")
DPG_AUDIT_OLD_KEYS = read_hex_keys("DPG_AUDIT_OLD_KEYS")
ALLOWED_HOSTS = read_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "django_tasks",
    "django_tasks_db",
    "dpg_registry.standard",
    "dpg_registry.audit",
    "dpg_registry.accounts",
    "dpg_registry.registry",
    "dpg_registry.importers",
    "dpg_registry.ownership",
    "dpg_registry.applications",
    "dpg_registry.ecosystem",
    "dpg_registry.eligibility",
    "dpg_registry.listing_requests",
    "dpg_registry.reports",
    "dpg_registry.privacy",
    "dpg_registry.console",
    "dpg_registry.ops",
    "dpg_registry.worker",
    "ninja",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache and WhiteNoise, so cached pages and static files get the headers too.
    "dpg_registry.lib.csp.PolicyOnce",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dpg_registry.lib.urlcheck.RejectNulCharacters",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "dpg_registry.lib.languages.BrowserLanguage",
    "dpg_registry.api.middleware.ApiReadHeaders",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dpg_registry.lib.ratelimits.ApiRateLimit",  # before the page cache: cached answers count too
    "dpg_registry.registry.cache.CachedPublicReads",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "dpg_registry.accounts.middleware.StaffMfaRequired",
    "dpg_registry.accounts.middleware.RememberLanguage",
    "dpg_registry.lib.outage.DatabaseUnavailable",
]

ROOT_URLCONF = "dpg_registry.urls"
WSGI_APPLICATION = "dpg_registry.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database_config() -> dict:
    url = read_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'registry.sqlite3'}"
    # Connections are kept between requests (each gunicorn thread holds its own); health checks
    # replace one the database dropped.
    config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets readers go on while an import writes; IMMEDIATE takes the write
            # lock at the start of a transaction so concurrent writers wait instead of failing.
            # Reads map the file into memory and keep 32 MB of pages per connection, and sorts and
            # subquery lists stay in memory: the search and facet queries then read no page twice.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824; "
                "PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        # A file, not memory, for the test database: the suite runs `dpg` as a subprocess on it.
        config["TEST"] = {"NAME": str(VAR_DIR / "test-registry.sqlite3")}
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    return config


DATABASES = {"default": _database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_ADAPTER = "dpg_registry.accounts.adapter.AccountAdapter"
MFA_ADAPTER = "dpg_registry.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# One secret per pending activation, however often the page is loaded.
MFA_FORMS = {"activate_totp": "dpg_registry.accounts.forms.StableActivateTOTPForm"}
MFA_TOTP_ISSUER = "DPG Registry"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_PROVIDERS = {}
if read_str("GITHUB_CLIENT_ID"):
    INSTALLED_APPS.append("allauth.socialaccount.providers.github")
    SOCIALACCOUNT_PROVIDERS["github"] = {
        "APPS": [{"client_id": read_str("GITHUB_CLIENT_ID"), "secret": read_str("GITHUB_CLIENT_SECRET", "")}],
        "SCOPE": ["user:email"],
    }
if read_str("OIDC_SERVER_URL"):
    INSTALLED_APPS.append("allauth.socialaccount.providers.openid_connect")
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": "oidc",
                "name": read_str("OIDC_NAME", "Single sign-on"),
                "client_id": read_str("OIDC_CLIENT_ID", ""),
                "secret": read_str("OIDC_CLIENT_SECRET", ""),
                "settings": {"server_url": read_str("OIDC_SERVER_URL")},
            }
        ]
    }

# The registry's public address, for links in e-mails.
DPG_SITE_URL = read_str("DPG_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = read_str("DEFAULT_FROM_EMAIL", "DPG Registry <registry@localhost>")
# Where the privacy notice sends questions and requests: an e-mail address or a web address.
DPG_PRIVACY_CONTACT = read_str("DPG_PRIVACY_CONTACT", "")
if read_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = read_str("EMAIL_HOST")
    EMAIL_PORT = read_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = read_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = read_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = read_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The review process's clock, in days.
DPG_LISTING_DAYS = read_int("DPG_LISTING_DAYS", 365, minimum=1)
DPG_RENEWAL_NOTICE_DAYS = read_int("DPG_RENEWAL_NOTICE_DAYS", 60, minimum=1)
DPG_CLARIFICATION_DAYS = read_int("DPG_CLARIFICATION_DAYS", 14, minimum=1)
DPG_REMINDER_DAYS = read_int("DPG_REMINDER_DAYS", 7, minimum=1)
DPG_REVIEW_LIMIT_DAYS = {
    "l1_review": read_int("DPG_L1_REVIEW_DAYS", 10, minimum=1),
    "l2_review": read_int("DPG_L2_REVIEW_DAYS", 14, minimum=1),
    "expert_consultation": read_int("DPG_EXPERT_DAYS", 10, minimum=1),
}
# Data quality: a listed product claiming deployment in more countries than this is flagged for staff.
DPG_QUALITY_MAX_COUNTRIES = read_int("DPG_QUALITY_MAX_COUNTRIES", 150, minimum=1)

# Security (see docs/threat-model.md). An https site address means production behind a TLS proxy.
PRODUCTION = DPG_SITE_URL.startswith("https://")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = PRODUCTION
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain http
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    ALLAUTH_TRUSTED_PROXY_COUNT = 1  # the client is the address the proxy appends to X-Forwarded-For
# HSTS preload binds the whole domain, beyond this site, for months: the operator's choice, not ours.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
        "microphone", "midi", "payment", "publickey-credentials-get", "usb", "xr-spatial-tracking",
    )
}
# Sign-in with GitHub or OpenID Connect posts a form that redirects to the provider.
SIGN_IN_ORIGINS = [f"{url.scheme}://{url.netloc}" for url in map(urlsplit, [
    "https://github.com" if read_str("GITHUB_CLIENT_ID") else "", read_str("OIDC_SERVER_URL") or "",
]) if url.netloc]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF], "script-src": [SELF], "style-src": [SELF], "img-src": [SELF, "data:"],
        "object-src": [NONE], "base-uri": [NONE], "frame-ancestors": [NONE],
        "form-action": [SELF, *SIGN_IN_ORIGINS],
    }
}
# Request bodies: forms and JSON up to 1 MB and 1,000 fields; the registry takes no file uploads.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_HANDLERS = []

# A cache every web process and machine shares (rate limits): the database, or Redis when
# REDIS_URL or CACHE_URL is set. Rendered pages are kept per process unless Redis is there.
CACHES = read_cache(read_str("REDIS_URL"), read_str("CACHE_URL"))
# Rate limits, "N/period/key" with key ip or user (an account), comma-separated.
ACCOUNT_RATE_LIMITS = {
    "login": read_rate("DPG_RATE_SIGN_IN", "30/m/ip"),
    "login_failed": read_rate("DPG_RATE_SIGN_IN_FAILED", "10/m/ip,5/5m/key"),
    "signup": read_rate("DPG_RATE_SIGN_UP", "20/m/ip"),
    "reset_password": read_rate("DPG_RATE_PASSWORD_RESET", "20/m/ip,5/m/key"),
}
DPG_RATE_LIMITS = {
    "submit": read_rate("DPG_RATE_SUBMIT", "30/h/ip,10/h/user"),
    "challenge": read_rate("DPG_RATE_CHALLENGE", "30/h/ip,10/h/user"),
    "create": read_rate("DPG_RATE_CREATE", "20/h/ip,10/h/user"),  # applications created
    "check": read_rate("DPG_RATE_CHECK", "30/h/ip,10/h/user"),  # repository checks requested
    "api": read_rate("DPG_RATE_API", "600/m/ip,600/m/user"),
}
# Inviting co-editors and claiming products: each e-mails or reads a repository, so both are kept slow.
DPG_RATE_LIMITS["invite"] = read_rate("DPG_RATE_INVITE", "30/h/ip,10/h/user")
DPG_RATE_LIMITS["claim"] = read_rate("DPG_RATE_CLAIM", "30/h/ip,10/h/user")
RATELIMIT_USE_CACHE = "default"
# The seconds of repository checks one account may spend in a day (UTC); a check's clone stops at what is left.
DPG_CHECK_BUDGET_SECONDS_PER_DAY = read_int("DPG_CHECK_BUDGET_SECONDS_PER_DAY", 1800, minimum=1)

# The task queue: the database (default) or Redis through RQ (see docs/deployment.md).
DPG_TASKS_BACKEND = read_str("DPG_TASKS_BACKEND", "database")
if DPG_TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif DPG_TASKS_BACKEND == "rq":
    if not read_str("REDIS_URL"):
        raise ImproperlyConfigured("DPG_TASKS_BACKEND=rq needs REDIS_URL, e.g. redis://127.0.0.1:6379/0")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": read_str("REDIS_URL")}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured(f"DPG_TASKS_BACKEND must be 'database' or 'rq', not {DPG_TASKS_BACKEND!r}")
# /healthz fails when a due task has waited longer than this.
DPG_QUEUE_LAG_SECONDS = read_int("DPG_QUEUE_LAG_SECONDS", 600, minimum=1)
# A task whose worker has not been seen for this long was abandoned (the worker died) and is queued again.
DPG_WORKER_LEASE_SECONDS = read_int("DPG_WORKER_LEASE_SECONDS", 60, minimum=3)

LANGUAGE_CODE = "en"
# Each language named in itself; Arabic is laid out right to left.
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("ar", "العربية")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Source maps are for developers' tools, rarely asked for: served as they are, they spare every `collectstatic`
# (each `dpg serve`) compressing the Swagger UI's 2 MB map twice.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"quiet_outage": {"()": "dpg_registry.lib.outage.QuietOutage"}},
    # No e-mail or IP address reaches the logs (see the privacy notice, "What the servers log").
    "formatters": {"redacted": {"()": "dpg_registry.lib.logs.RedactingFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "redacted"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # While the database is away each request logs one line (dpg_registry.lib.outage), not a traceback.
    "loggers": {"django.request": {"filters": ["quiet_outage"]}},
}

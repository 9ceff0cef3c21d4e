"""Settings, read from the environment (see README, "Configuration")."""

from pathlib import Path

import dj_database_url

from dpg_registry.env import read_bool, read_int, read_list, read_secret_key, read_str

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(read_str("DPG_VAR_DIR", "var")).resolve()

DEBUG = read_bool("DEBUG", False)
SECRET_KEY = read_secret_key(VAR_DIR)
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
    "dpg_registry.registry",
    "dpg_registry.eligibility",
    "dpg_registry.audit",
    "dpg_registry.accounts",
    "dpg_registry.applications",
    "dpg_registry.ecosystem",
    "dpg_registry.reports",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dpg_registry.urlcheck.RejectNulCharacters",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "dpg_registry.api.middleware.ApiReadHeaders",
    "dpg_registry.registry.cache.CachedPublicReads",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "dpg_registry.accounts.middleware.StaffMfaRequired",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
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
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[DPG Registry] "
MFA_ADAPTER = "dpg_registry.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
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

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# /healthz fails when a due task has waited longer than this.
DPG_QUEUE_LAG_SECONDS = read_int("DPG_QUEUE_LAG_SECONDS", 600, minimum=1)

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

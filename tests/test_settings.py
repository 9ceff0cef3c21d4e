"""Settings are read strictly from the environment."""

import subprocess
import sys

from tests.conftest import ROOT, dpg_env, run_dpg


def test_debug_must_be_true_or_false():
    result = run_dpg("manage", "check", DEBUG="yes")
    assert result.returncode != 0
    assert "DEBUG must be 'true' or 'false', not 'yes'" in result.stderr
    assert run_dpg("manage", "check", DEBUG="false").returncode == 0


def test_secret_key_can_come_from_a_file(tmp_path):
    missing = tmp_path / "absent"
    result = run_dpg("manage", "check", SECRET_KEY_FILE=str(missing))
    assert result.returncode != 0
    assert f"SECRET_KEY_FILE: cannot read {missing}" in result.stderr
    key = tmp_path / "key"
    key.write_text("k" * 60)
    assert run_dpg("manage", "check", SECRET_KEY_FILE=str(key)).returncode == 0


SIGN_IN_PROVIDERS = (
    "from allauth.socialaccount.adapter import get_adapter; "
    "print(sorted(provider.name for provider in get_adapter().list_providers(None)))"
)


def test_github_and_openid_connect_sign_in_are_offered_only_when_configured(db):
    plain = run_dpg("manage", "shell", "-c", SIGN_IN_PROVIDERS)
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.strip().endswith("[]")
    configured = run_dpg(
        "manage", "shell", "-c", SIGN_IN_PROVIDERS,
        GITHUB_CLIENT_ID="gh-id", GITHUB_CLIENT_SECRET="gh-secret",
        OIDC_SERVER_URL="https://id.example.gov", OIDC_CLIENT_ID="registry", OIDC_NAME="Ministry ID",
    )
    assert configured.returncode == 0, configured.stderr
    assert configured.stdout.strip().endswith("['GitHub', 'Ministry ID']")


def test_smtp_is_used_when_a_mail_host_is_given():
    shown = "from django.conf import settings; print(settings.EMAIL_BACKEND, settings.EMAIL_PORT)"
    console = run_dpg("manage", "shell", "-c", shown)
    assert "django.core.mail.backends.console.EmailBackend" in console.stdout
    smtp = run_dpg("manage", "shell", "-c", shown, EMAIL_HOST="mail.example.org", EMAIL_PORT="2525")
    assert smtp.stdout.strip().endswith("django.core.mail.backends.smtp.EmailBackend 2525")
    bad = run_dpg("manage", "check", EMAIL_HOST="mail.example.org", EMAIL_PORT="many")
    assert "EMAIL_PORT must be a whole number of at least 1, not 'many'" in bad.stderr


PRODUCTION = {"DPG_SITE_URL": "https://registry.example.org", "ALLOWED_HOSTS": "registry.example.org",
              "SECRET_KEY": "a-long-random-production-key-" + "x7Qp2LmZ9" * 6}


def test_an_https_site_address_passes_the_deployment_check_without_a_warning():
    environment = dpg_env(**PRODUCTION)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests, never in deployment
    result = subprocess.run([sys.executable, "-m", "dpg_registry.cli", "manage", "check", "--deploy", "--fail-level",
                             "WARNING"], capture_output=True, text=True, env=environment, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout
    shown = ("from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
             "s.SECURE_SSL_REDIRECT, "
             "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_PROXY_SSL_HEADER)")
    production = run_dpg("manage", "shell", "-c", shown, **PRODUCTION)
    assert production.stdout.strip().endswith("True True True 31536000 True ('HTTP_X_FORWARDED_PROTO', 'https')")
    # The local default (make run on http://127.0.0.1:8000) keeps plain-http cookies and no redirect.
    local = run_dpg("manage", "check", "--deploy", "--fail-level", "WARNING")
    assert local.returncode != 0 and "security.W012" in local.stderr and "security.W008" in local.stderr


SECRETS = ("DATABASE_URL", "EMAIL_HOST_PASSWORD", "GITHUB_CLIENT_SECRET", "OIDC_CLIENT_SECRET", "REDIS_URL")


def test_every_secret_may_come_from_a_file_but_not_from_both(tmp_path):
    files = {}
    values = {"DATABASE_URL": f"sqlite:///{tmp_path / 'from-file.sqlite3'}", "EMAIL_HOST_PASSWORD": "mail-secret",
              "GITHUB_CLIENT_SECRET": "gh-secret", "OIDC_CLIENT_SECRET": "oidc-secret",
              "REDIS_URL": "redis://:redis-secret@cache.internal:6379/0"}
    for name, value in values.items():
        (tmp_path / name).write_text(value + "\n")
        files[f"{name}_FILE"] = str(tmp_path / name)
    shown = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['NAME'], s.EMAIL_HOST_PASSWORD, "
        "s.SOCIALACCOUNT_PROVIDERS['github']['APPS'][0]['secret'], "
        "s.SOCIALACCOUNT_PROVIDERS['openid_connect']['APPS'][0]['secret'], s.CACHES['default']['LOCATION'])"
    )
    environment = dpg_env(EMAIL_HOST="mail.example.org", GITHUB_CLIENT_ID="gh",
                          OIDC_SERVER_URL="https://id.example.gov", **files)
    del environment["DATABASE_URL"]
    result = subprocess.run([sys.executable, "-m", "dpg_registry.cli", "manage", "shell", "-c", shown],
                            capture_output=True, text=True, env=environment, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-5:] == [str(tmp_path / "from-file.sqlite3"), "mail-secret", "gh-secret",
                                         "oidc-secret", values["REDIS_URL"]]
    both = run_dpg("manage", "check", GITHUB_CLIENT_ID="gh", GITHUB_CLIENT_SECRET="direct",
                   GITHUB_CLIENT_SECRET_FILE=files["GITHUB_CLIENT_SECRET_FILE"])
    assert both.returncode != 0
    assert "GITHUB_CLIENT_SECRET and GITHUB_CLIENT_SECRET_FILE are both set" in both.stderr


def test_cache_and_rate_limit_settings_are_checked():
    bad_cache = run_dpg("manage", "check", CACHE_URL="memcached://cache:11211")
    assert "CACHE_URL must be a redis://, rediss:// or unix:// URL" in bad_cache.stderr
    bad_rate = run_dpg("manage", "check", DPG_RATE_API="lots")
    assert "DPG_RATE_API must be rates like '30/m/ip,10/h/user', not 'lots'" in bad_rate.stderr

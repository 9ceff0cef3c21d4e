"""Settings are read strictly from the environment."""

from tests.conftest import run_dpg


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

"""People and applications for tests: accounts with roles, and a complete software application."""

from django.contrib.auth import get_user_model

from dpg_registry.accounts.services import grant_role
from dpg_registry.applications.answers import AnswerInput
from dpg_registry.applications.selectors import questions_by_key
from dpg_registry.applications.services import applicant

PASSWORD = "correct horse battery staple"

# A valid answer for every question of a software application under Standard 1.1.7.
SOFTWARE_ANSWERS = {
    "sdgs": [3, 4],
    "sdg_relevance": "Clinics in rural districts record visits and follow-ups, which serves target 3.8.",
    "licenses": "Apache-2.0",
    "license_evidence_urls": ["https://example.org/clinic/LICENSE"],
    "owner_name": "Open Clinic Foundation",
    "ownership_documented": "yes",
    "ownership_evidence_urls": ["https://example.org/clinic/about"],
    "owns_all_assets": "yes",
    "closed_dependencies": "no",
    "documentation_available": "yes",
    "documentation_urls": ["https://example.org/clinic/docs"],
    "uses_non_pii_data": "yes",
    "privacy_compliant": "yes",
    "applicable_laws": ["GDPR", "Kenya Data Protection Act 2019"],
    "privacy_evidence_urls": ["https://example.org/clinic/privacy"],
    "supports_standards": "yes",
    "standards": ["HL7 FHIR R4"],
    "follows_best_practices": "yes",
    "best_practices": ["Principles for Digital Development"],
    "pii_handling": "collected_stored_not_distributed",
    "content_handling": "not_collected",
    "user_interaction": "no",
}
EVIDENCE = ["https://example.org/clinic/evidence"]


def run_tasks() -> None:
    """Run every queued background task, as `dpg worker` would, then stop."""
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def make_user(email: str, *roles: str):
    from allauth.account.models import EmailAddress

    user = get_user_model().objects.create_user(username=email.split("@")[0], email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for role in roles:
        grant_role(user=user, role=role)
    return user


def fill(application, user, answers=SOFTWARE_ANSWERS):
    questions = questions_by_key(application)
    application = applicant.save_about(
        application=application, by=user, expected_version=application.version, name=application.name,
        description="Patient records for rural clinics.", website="https://example.org/clinic",
        repository_urls=["https://example.org/clinic/code"], sectors=[], deployment_countries=["Kenya"],
    )
    given = {
        key: AnswerInput(value, evidence_urls=EVIDENCE if questions[key].evidence_required else ())
        for key, value in answers.items()
    }
    return applicant.save_answers(application=application, by=user, expected_version=application.version,
                                 answers=given)


def give_totp(user) -> str:
    """Set up an authenticator app for ``user``; returns its secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    """The code the authenticator app shows now; waits out the end of a period so the code is still good."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    if app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD < 3:
        time.sleep(3)
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def sign_in(client, user) -> None:
    """Sign ``user`` in on a test client; staff also as having proven their authenticator app."""
    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY

    from dpg_registry.accounts.selectors import is_staff

    client.force_login(user)
    if is_staff(user):
        give_totp(user)
        session = client.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "mfa", "type": "totp", "at": 0}]
        session.save()

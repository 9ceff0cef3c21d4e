"""A person's own data: the privacy notice, the download of everything held about them, deleting the account."""

import gzip
import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db.migrations.loader import MigrationLoader
from django.test import Client

from dpg_registry.accounts.errors import AccountError
from dpg_registry.accounts.services import verify_membership
from dpg_registry.applications.answers import AnswerInput
from dpg_registry.applications.models import Application, Challenge
from dpg_registry.applications.services import review
from dpg_registry.applications.services.applicant import (
    answer_invitation,
    create_application,
    invite_editor,
    respond_to_clarification,
    save_about,
    save_answers,
    submit,
)
from dpg_registry.audit.models import AuditEvent
from dpg_registry.audit.verify import verify_chain
from dpg_registry.privacy.services import delete_account
from dpg_registry.registry.models import Product
from tests.applications.test_clock import approve, to_clarification
from tests.audit.old_trail import plain_chain_intact, trail_before_keys, write_plain_chain
from tests.conftest import run_dpg
from tests.factories import PASSWORD, fill, give_totp, sign_in


def set_contact(application, user, name: str, email: str):
    return save_about(
        application=application, by=user, expected_version=application.version, name=application.name,
        description=application.description, website=application.website,
        repository_urls=application.repository_urls, sectors=application.sectors,
        deployment_countries=application.deployment_countries, contact_name=name, contact_email=email,
    )


def other_application(user, name: str, organisation: str):
    application = create_application(user=user, name=name, category_key="software",
                                              organisation_name=organisation)
    return fill(application, user)


def test_privacy_notice_is_linked_from_every_page_and_names_the_contact(client, settings, standard):
    settings.DPG_PRIVACY_CONTACT = "privacy@registry.example"
    for path in ("/", "/registry/", "/eligibility/", "/accounts/login/"):
        assert 'href="/privacy/">Privacy</a></footer>' in client.get(path).content.decode(), path
    notice = client.get("/privacy/").content.decode()
    assert "privacy@registry.example" in notice
    for topic in ("salted hash", "authenticator app", "contact person", "pseudonym", "no IP address",
                  "download everything", "delete your account"):
        assert topic in notice, topic


@pytest.mark.django_db
def test_the_download_holds_what_the_person_entered_and_nothing_of_anyone_else(client, people, draft):
    applicant, stranger = people["applicant"], people["stranger"]
    draft = set_contact(draft, applicant, "Amina Odhiambo", "amina.contact@clinic.example")
    secret = give_totp(applicant)
    application = to_clarification(people, draft, deadline=None)
    clarification = application.clarifications.get()
    respond_to_clarification(clarification=clarification, by=applicant,
                                      response="The user guide is at docs/guide.md.")
    theirs = set_contact(other_application(stranger, "Other Farm", "Other Farm Co-op"), stranger,
                         "Bruno Stranger", "bruno@farm.example")
    save_answers(application=theirs, by=stranger, expected_version=theirs.version,
                          answers={"sdg_relevance": AnswerInput("Farmers in the hills sell at fair prices.")})
    Challenge.objects.create(product=Product.objects.create(slug="listed", name="Listed", sort_name="listed"),
                             raised_by=applicant, reasons="The licence changed last month.",
                             raised_at=application.created_at)
    verify_membership(user=applicant, organisation=draft.organisation, by=people["admin"], role="admin",
                      reason="known to the staff")

    sign_in(client, applicant)
    page = client.get("/accounts/data/").content.decode()
    assert 'href="/accounts/data/">Your data</a>' in page and 'href="/accounts/data/download/"' in page
    response = client.get("/accounts/data/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="dpg-registry-my-data.json"'
    body = response.content.decode()
    data = json.loads(body)

    assert data["account"]["email"] == "amina@clinic.example"
    assert [e["email"] for e in data["email_addresses"]] == ["amina@clinic.example"]
    assert data["mfa"] == {"enabled": True}
    assert [m["organisation"] for m in data["organisations"]] == ["Open Clinic Foundation"]
    [mine] = data["applications"]
    assert mine["public_id"] == draft.public_id and mine["state"] == "l2_review"
    assert (mine["contact_name"], mine["contact_email"]) == ("Amina Odhiambo", "amina.contact@clinic.example")
    answers = {a["question"]: a["value"] for a in mine["answers"]}
    assert answers["owner_name"] == "Open Clinic Foundation" and answers["sdgs"] == [3, 4]
    assert mine["clarifications"][0]["response"] == "The user guide is at docs/guide.md."
    assert data["challenges"][0]["reasons"] == "The licence changed last month."
    assert {n["kind"] for n in data["notifications"]} >= {"submitted", "clarification"}
    actions = [e["action"] for e in data["audit_events"]]
    assert actions[:2] == ["application.create", "application.about"]
    assert "clarification.respond" in actions and "indicator.decide" not in actions  # the reviewers' own steps
    assert {e["actor"] for e in data["audit_events"]} == {f"account {applicant.pk}"}

    for someone_else in ("sam@elsewhere.example", "Bruno Stranger", "bruno@farm.example", "Other Farm",
                         "fair prices", "lena@review.example", "luis@review.example", "lena", "luis"):
        assert someone_else not in body, someone_else
    assert secret not in body and applicant.password not in body


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    for path in ("/accounts/data/", "/accounts/data/download/", "/accounts/delete/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), path


@pytest.mark.django_db(transaction=True)
def test_deleting_an_account_keeps_decisions_and_leaves_no_trace_of_the_person(client, people, draft, tmp_path):
    applicant, email = people["applicant"], "amina@clinic.example"
    decided = approve(people, set_contact(draft, applicant, "Amina Odhiambo", "amina.odhiambo@clinic.example"))
    assert decided.state == Application.State.DPG
    unsent = set_contact(other_application(applicant, "Clinic Scheduler", "Open Clinic Foundation"), applicant,
                         "Amina Odhiambo", "amina.odhiambo@clinic.example")
    co_edited = other_application(people["stranger"], "Shared Draft", "Shared Org")
    invitation = invite_editor(application=co_edited, by=people["stranger"], email=email)
    answer_invitation(invitation=invitation, by=applicant, accept=True)
    Challenge.objects.create(product=decided.product, raised_by=applicant, reasons="Still maintained?",
                             raised_at=decided.created_at)
    give_totp(applicant)

    sign_in(client, applicant)
    assert "Delete my account" in client.get("/accounts/delete/").content.decode()
    wrong = client.post("/accounts/delete/", {"confirmation": "not my password"})
    assert wrong.status_code == 200 and "that is not your password" in wrong.content.decode()
    assert get_user_model().objects.filter(pk=applicant.pk).exists()
    response = client.post("/accounts/delete/", {"confirmation": PASSWORD}, follow=True)
    assert "Your account is deleted." in response.content.decode()
    assert not response.context["user"].is_authenticated

    assert not get_user_model().objects.filter(pk=applicant.pk).exists()
    signing_in = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert signing_in.status_code == 200 and "_auth_user_id" not in client.session
    assert not Application.objects.filter(pk=unsent.pk).exists()  # a draft only they edited
    co_edited.refresh_from_db()
    assert list(co_edited.editors.all()) == [people["stranger"]]  # the co-editor keeps theirs
    decided.refresh_from_db()
    assert (decided.state, decided.contact_name, decided.contact_email) == ("dpg", "", "")
    assert not decided.editors.exists()
    public = client.get(f"/r/{decided.public_id}/").content.decode()
    assert "Digital public good" in public and "Decision trail" in public
    assert Product.objects.get(pk=decided.product_id).status == "dpg"
    assert AuditEvent.objects.filter(action="account.delete", actor_label=f"account {applicant.pk}").exists()

    verified = run_dpg("audit", "verify")
    assert verified.returncode == 0, verified.stderr
    backup = tmp_path / "after.jsonl.gz"
    made = run_dpg("backup", str(backup))
    assert made.returncode == 0, made.stderr
    everything = gzip.decompress(backup.read_bytes()).decode().lower()
    assert "lena@review.example" in everything  # the scan reads real rows: other people are still there
    for trace in (email, "amina.odhiambo@clinic.example", "amina odhiambo", '"amina"'):
        assert trace not in everything, trace


@pytest.mark.django_db
def test_deleting_an_account_ends_its_own_sessions_and_no_one_else_s(people):
    applicant, email = people["applicant"], "amina@clinic.example"
    EmailAddress.objects.create(user=applicant, email="amina.old@clinic.example", verified=False)
    give_totp(applicant)
    deleting, other_browser = Client(), Client()
    sign_in(deleting, applicant)
    sign_in(other_browser, applicant)
    half_signed_in = Client()  # password given, the authenticator's code not yet
    assert half_signed_in.post("/accounts/login/", {"login": email, "password": PASSWORD}).status_code == 302
    assert "_auth_user_id" not in half_signed_in.session and half_signed_in.session.get("account_login")
    # Someone else, signed in, whose session holds both addresses (typed into a form that keeps what it was given).
    neighbour = Client()
    sign_in(neighbour, people["stranger"])
    kept = neighbour.session
    kept["invite_draft"] = {"to": [email.upper(), "amina.old@clinic.example"]}
    kept.save()
    ends = [other_browser.session.session_key, half_signed_in.session.session_key]

    response = deleting.post("/accounts/delete/", {"confirmation": PASSWORD})
    assert response.status_code == 302 and not get_user_model().objects.filter(pk=applicant.pk).exists()
    assert not Session.objects.filter(session_key__in=ends).exists()
    assert other_browser.get("/accounts/data/").status_code == 302
    assert neighbour.get("/accounts/data/").status_code == 200  # still signed in
    assert neighbour.session["invite_draft"]["to"][1] == "amina.old@clinic.example"


@pytest.mark.django_db
def test_staff_are_told_which_review_work_to_finish_before_deleting(client, people, draft):
    submit(application=draft, by=people["applicant"])
    review.pull_next(reviewer=people["l1"], level="l1")
    sign_in(client, people["l1"])
    page = client.post("/accounts/delete/", {"confirmation": PASSWORD}).content.decode()
    assert f"application {draft.public_id}: in l1 review" in page
    with pytest.raises(AccountError, match=draft.public_id):
        delete_account(user=people["l1"], confirmation=PASSWORD)
    assert get_user_model().objects.filter(pk=people["l1"].pk).exists()


@pytest.mark.django_db(transaction=True)
def test_older_events_that_named_people_are_given_pseudonyms_and_resealed(people):
    migration = MigrationLoader(None).get_migration("audit", "0002_pseudonymous_actors")
    module = __import__(migration.__module__, fromlist=["pseudonymise"])
    named = [(people["applicant"].pk, people["applicant"].get_username()), (None, "system"),
             (people["l1"].pk, people["l1"].get_username())]
    with trail_before_keys() as apps:
        write_plain_chain(apps, named, people["applicant"].date_joined)
        module.pseudonymise(apps, None)
        assert plain_chain_intact(apps)
    labels = list(AuditEvent.objects.values_list("actor_label", flat=True))
    assert labels == [f"account {people['applicant'].pk}", "system", f"account {people['l1'].pk}"]
    assert verify_chain().intact and verify_chain().checked == 3

    with trail_before_keys() as apps:
        Event, Head = apps.get_model("audit", "AuditEvent"), apps.get_model("audit", "AuditHead")
        write_plain_chain(apps, named, people["applicant"].date_joined)
        Event.objects.filter(pk=Event.objects.first().pk).update(reason="edited")
        with pytest.raises(RuntimeError, match="does not match its hash"):
            module.pseudonymise(apps, None)
        Event.objects.all().delete()  # so that the test database can migrate forward again
        Head.objects.all().delete()

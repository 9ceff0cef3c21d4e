"""Claiming a listed product over HTTP: a token in its repository, an address at its domain, a staff decision."""

import re
import time

import pytest
from django.core import mail, signing
from django.test import Client

from dpg_registry.accounts.selectors import organisation_ids_of
from dpg_registry.audit.models import AuditEvent
from dpg_registry.ownership.models import Claim, ProductOwner
from tests.factories import run_tasks, sign_in
from tests.ownership.products import git_repository, listed_product, manifest


def actions_on(claim) -> list[str]:
    return list(AuditEvent.objects.filter(subject_type="ownership.claim", subject_id=str(claim.pk))
                .order_by("pk").values_list("action", flat=True))


def signed_in(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


@pytest.mark.django_db(transaction=True)
def test_a_token_in_the_repository_makes_the_claimant_an_owner(people, tmp_path, local_claim_repositories):
    folder = tmp_path / "clinic"
    product = listed_product(f"file://{folder}")
    client = signed_in(people["applicant"])
    profile = client.get("/registry/clinic-records/").content.decode()
    assert "Unclaimed" in profile and 'href="/registry/clinic-records/claim/">Is this your product? Claim it' in profile

    response = client.post("/registry/clinic-records/claim/", {"method": "repository"}, follow=True)
    claim = Claim.objects.get(product=product)
    assert claim.token in response.content.decode() and claim.state == "pending"
    git_repository(folder, {"dpg.json": manifest(claim.token)})
    client.post(f"/claims/{claim.pk}/check/")
    run_tasks()

    claim.refresh_from_db()
    assert claim.state == "verified" and claim.outcome == f"the token was found in file://{folder}"
    assert ProductOwner.objects.filter(product=product, user=people["applicant"]).exists()
    assert organisation_ids_of(people["applicant"]) == {claim.organisation_id}
    assert actions_on(claim) == ["ownership.claim", "ownership.check_request", "ownership.approve"]
    member = AuditEvent.objects.get(action="organisation.verify_member")
    assert member.after == {"user": people["applicant"].pk, "verified_by": "claim", "claim": claim.pk}
    assert "Claimed by Clinic Trust" in Client().get("/registry/clinic-records/").content.decode()
    assert client.get("/applications/new/?renew=clinic-records").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_dpg_claim_file_works_and_a_wrong_token_says_what_was_read(people, tmp_path, local_claim_repositories):
    folder = tmp_path / "clinic"
    product = listed_product(f"file://{folder}")
    client = signed_in(people["applicant"])
    client.post("/registry/clinic-records/claim/", {"method": "repository"})
    claim = Claim.objects.get(product=product)
    git_repository(folder, {".dpg-claim": "dpg-claim-someone-elses\n"})
    client.post(f"/claims/{claim.pk}/check/")
    run_tasks()
    claim.refresh_from_db()
    assert claim.state == "pending" and not ProductOwner.objects.exists()
    page = client.get("/registry/clinic-records/claim/").content.decode()
    assert "Last check:" in page and "neither dpg.json&#x27;s &quot;claim&quot; nor .dpg-claim holds the token" in page
    assert actions_on(claim)[-1] == "ownership.check_failed"

    (folder / ".dpg-claim").write_text(claim.token + "\n", encoding="utf-8")
    git_repository(folder, {})
    client.post(f"/claims/{claim.pk}/check/")
    run_tasks()
    claim.refresh_from_db()
    assert claim.state == "verified"


@pytest.mark.django_db(transaction=True)
def test_a_link_to_a_file_elsewhere_proves_nothing(people, tmp_path, local_claim_repositories):
    folder = tmp_path / "clinic"
    product = listed_product(f"file://{folder}")
    client = signed_in(people["applicant"])
    client.post("/registry/clinic-records/claim/", {"method": "repository"})
    claim = Claim.objects.get(product=product)
    outside = tmp_path / "outside.txt"
    outside.write_text(claim.token, encoding="utf-8")
    folder.mkdir()
    (folder / ".dpg-claim").symlink_to(outside)
    git_repository(folder, {})
    client.post(f"/claims/{claim.pk}/check/")
    run_tasks()
    claim.refresh_from_db()
    assert claim.state == "pending" and not ProductOwner.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_reads_only_public_web_addresses(people, tmp_path):
    folder = tmp_path / "clinic"
    product = listed_product(f"file://{folder}")
    client = signed_in(people["applicant"])
    client.post("/registry/clinic-records/claim/", {"method": "repository"})
    claim = Claim.objects.get(product=product)
    git_repository(folder, {".dpg-claim": claim.token})
    client.post(f"/claims/{claim.pk}/check/")
    run_tasks()
    claim.refresh_from_db()
    assert claim.state == "pending" and "https" in claim.outcome and not ProductOwner.objects.exists()


def link_in(message) -> str:
    return re.search(r"http://[^\s]+/claims/confirm/[^\s]+/", message.body).group(0).split("8000", 1)[1]


@pytest.mark.django_db(transaction=True)
def test_an_address_at_the_domain_confirms_the_claim_once(people):
    product = listed_product()
    client = signed_in(people["applicant"])
    wrong = client.post("/registry/clinic-records/claim/", {"method": "email", "email": "amina@elsewhere.example"})
    assert wrong.status_code == 400 and "the address must end in @clinic.example" in wrong.content.decode()
    assert not Claim.objects.exists()

    client.post("/registry/clinic-records/claim/", {"method": "email", "email": "amina@clinic.example"})
    run_tasks()
    [message] = mail.outbox
    assert message.to == ["amina@clinic.example"] and "Clinic Trust" in message.body
    link = link_in(message)
    assert signed_in(people["stranger"]).post(link).status_code == 400  # someone else's claim
    assert "Confirm the claim" in client.get(link).content.decode()  # opening the link changes nothing
    assert not ProductOwner.objects.exists()
    assert client.post(link, follow=True).status_code == 200
    claim = Claim.objects.get(product=product)
    assert claim.state == "verified" and ProductOwner.objects.filter(user=people["applicant"]).exists()
    assert actions_on(claim) == ["ownership.claim", "ownership.approve"]
    claimed = AuditEvent.objects.get(action="ownership.claim")
    assert claimed.after["domain"] == "clinic.example" and "amina" not in str(claimed.after)
    again = client.post(link)
    assert again.status_code == 400 and "already used" in again.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_link_expires_after_two_days(people, monkeypatch):
    listed_product()
    client = signed_in(people["applicant"])
    client.post("/registry/clinic-records/claim/", {"method": "email", "email": "amina@clinic.example"})
    run_tasks()
    link = link_in(mail.outbox[0])
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now + 2 * 86400 + 60)
    response = client.post(link)
    assert response.status_code == 400 and "this link has expired" in response.content.decode()
    assert not ProductOwner.objects.exists()


@pytest.mark.django_db
def test_staff_decide_with_a_reason_and_others_may_not(people):
    product = listed_product()
    client = signed_in(people["applicant"])
    missing = client.post("/registry/clinic-records/claim/", {"method": "staff", "statement": " "})
    assert missing.status_code == 400 and "tell the staff who you are" in missing.content.decode()
    client.post("/registry/clinic-records/claim/", {"method": "staff", "statement": "I maintain it."})
    claim = Claim.objects.get(product=product)
    assert client.get("/claims/").status_code == 403
    assert client.post(f"/claims/{claim.pk}/decide/", {"decision": "approve", "reason": "me"}).status_code == 403
    assert signed_in(people["l1"]).get("/claims/").status_code == 403

    l2 = signed_in(people["l2"])
    assert "I maintain it." in l2.get("/claims/").content.decode()
    no_reason = l2.post(f"/claims/{claim.pk}/decide/", {"decision": "refuse", "reason": ""}, follow=True)
    assert "choose a decision and give its reason" in no_reason.content.decode()
    l2.post(f"/claims/{claim.pk}/decide/", {"decision": "refuse", "reason": "Nobody at the trust knows you."})
    claim.refresh_from_db()
    assert claim.state == "refused" and claim.decided_by == people["l2"]
    refusal = AuditEvent.objects.get(action="ownership.refuse")
    assert (refusal.role, refusal.reason) == ("l2", "Nobody at the trust knows you.")
    assert not ProductOwner.objects.exists() and organisation_ids_of(people["applicant"]) == set()
    told = client.get("/registry/clinic-records/claim/").content.decode()
    assert "The staff refused your claim on" in told and "Nobody at the trust knows you." in told

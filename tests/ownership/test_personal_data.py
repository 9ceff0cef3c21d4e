"""The personal-data download holds the person's claims, ownerships, verified memberships and invitations, and
nothing of the other people in them."""

import json

import pytest
from django.test import Client

from dpg_registry.applications.services.applicant import answer_invitation, invite_editor, withdraw_invitation
from dpg_registry.ownership import services
from dpg_registry.ownership.models import Claim
from tests.factories import sign_in
from tests.ownership.owners import make_owner
from tests.ownership.products import listed_product


@pytest.mark.django_db
def test_the_download_holds_claims_ownerships_memberships_and_invitations(people, draft):
    amina, sam = people["applicant"], people["stranger"]
    product = listed_product()
    make_owner(product, amina, by=people["admin"])
    services.start_claim(product=product, by=sam, method="email", email="sam@clinic.example")
    sent = invite_editor(application=draft, by=amina, email="olu@elsewhere.example")
    withdraw_invitation(invitation=sent, by=amina)
    received = invite_editor(application=draft, by=amina, email="sam@elsewhere.example")
    answer_invitation(invitation=received, by=sam, accept=False)

    client = Client()
    sign_in(client, amina)
    body = client.get("/accounts/data/download/").content.decode()
    data = json.loads(body)
    claim = Claim.objects.get(claimant=amina)
    [claimed] = data["claims"]
    assert (claimed["id"], claimed["product"], claimed["organisation"], claimed["method"], claimed["state"],
            claimed["statement"]) == (claim.pk, "clinic-records", "Clinic Trust", "staff", "verified",
                                      "I lead the project.")
    assert [(o["product"], o["organisation"], o["claim"]) for o in data["ownerships"]] == [
        ("clinic-records", "Clinic Trust", claim.pk)]
    [membership] = data["organisations"]
    assert (membership["organisation"], membership["verified_by"], membership["claim"]) == ("Clinic Trust", "claim",
                                                                                          claim.pk)
    assert membership["verified_at"]
    assert [(i["application"], i["accepted"], bool(i["withdrawn_at"])) for i in data["invitations_sent"]] == [
        (draft.public_id, None, True), (draft.public_id, False, False)]
    assert data["invitations_received"] == []
    for someone_else in ("olu@elsewhere.example", "sam@elsewhere.example", "sam@clinic.example", "ada@review.example"):
        assert someone_else not in body, someone_else

    client = Client()
    sign_in(client, sam)
    data = json.loads(client.get("/accounts/data/download/").content)
    [received_data] = data["invitations_received"]
    assert (received_data["application"], received_data["email"], received_data["accepted"]) == (
        draft.public_id, "sam@elsewhere.example", False)
    assert "amina" not in json.dumps(received_data)
    [pending] = data["claims"]
    assert (pending["method"], pending["email"], pending["state"]) == ("email", "sam@clinic.example", "pending")
    assert "token" not in pending and "nonce" not in json.dumps(pending)

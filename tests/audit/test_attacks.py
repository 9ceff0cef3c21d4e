"""Each way someone who can write the database but lacks the audit key could rewrite the trail, and how it shows.

Seals alone catch an edit or a removal in the middle; removals from the end, up to the whole trail, show only
against a checkpoint: the one in the database, or one saved outside it (the feed, a backup).
"""

import secrets
from dataclasses import replace

import pytest

from dpg_registry.applications.services import applicant
from dpg_registry.audit.chain import checkpoint_signature
from dpg_registry.audit.checkpoints import Checkpoint
from dpg_registry.audit.keys import current_key, key_id
from dpg_registry.audit.models import AuditEvent
from dpg_registry.audit.services import write_checkpoint
from dpg_registry.audit.verify import verify_chain
from tests.audit.tampering import delete_everything, rewrite_from, saved_file, sql, truncate_and_reset_head
from tests.conftest import run_dpg


@pytest.fixture
def checkpointed(people, draft):
    """A trail of a submitted application, with a checkpoint of it; returns that checkpoint."""
    applicant.submit(application=draft, by=people["applicant"])
    return write_checkpoint()


@pytest.mark.django_db(transaction=True)
def test_truncation_with_the_head_reset_shows_against_the_checkpoint(checkpointed):
    assert run_dpg("audit", "verify").returncode == 0
    truncate_and_reset_head(keep=checkpointed.event_count - 2)

    found = run_dpg("audit", "verify")
    assert found.returncode == 1
    assert f"2 events missing since checkpoint of {checkpointed.at.isoformat()}" in found.stderr


@pytest.mark.django_db(transaction=True)
def test_deleting_every_event_and_the_head_shows_against_the_checkpoint_in_the_database(checkpointed):
    delete_everything(checkpoints=False)

    found = run_dpg("audit", "verify")
    assert found.returncode == 1
    assert (f"{checkpointed.event_count} events missing since checkpoint of {checkpointed.at.isoformat()}"
            in found.stderr)


@pytest.mark.django_db(transaction=True)
def test_deleting_everything_with_the_checkpoints_shows_against_one_saved_from_the_feed(checkpointed, client,
                                                                                        tmp_path):
    feed = saved_file(tmp_path, "checkpoints.json", client.get("/audit/checkpoints.json").json())
    delete_everything(checkpoints=True)
    # The database alone now holds nothing to compare with: that is what the saved copy is for.
    assert run_dpg("audit", "verify").stdout.strip() == "audit trail intact: 0 events"

    found = run_dpg("audit", "verify", "--checkpoint", feed)
    assert found.returncode == 1
    assert (f"{checkpointed.event_count} events missing since saved checkpoint of {checkpointed.at.isoformat()} "
            f"({feed})" in found.stderr)


@pytest.mark.django_db(transaction=True)
def test_an_edit_resealed_with_the_public_chain_code_does_not_verify(checkpointed):
    target = AuditEvent.objects.get(action="application.submit")
    rewrite_from(target.pk, "quietly changed", key=None)  # the plain SHA-256 chain anyone can compute

    found = run_dpg("audit", "verify")
    assert found.returncode == 1
    assert f"event {target.pk}: its content does not match its seal" in found.stderr


@pytest.mark.django_db
def test_an_edit_resealed_with_a_key_of_the_attackers_own_does_not_verify(checkpointed):
    target = AuditEvent.objects.get(action="application.submit")
    guessed = secrets.token_bytes(32)
    rewrite_from(target.pk, "quietly changed", key=guessed)  # under the real key's id
    assert verify_chain().problem == f"event {target.pk}: its content does not match its seal"

    rewrite_from(target.pk, "quietly changed", key=guessed, key_id=key_id(guessed))  # under its own id
    assert verify_chain().problem == (f"event {target.pk}: sealed with key {key_id(guessed)}, which is not a known "
                                      "audit key")


@pytest.mark.django_db
def test_a_checkpoint_forged_to_cover_a_truncation_does_not_verify(checkpointed):
    truncate_and_reset_head(keep=checkpointed.event_count - 2)
    sql("DELETE FROM audit_auditcheckpoint")
    remaining = list(AuditEvent.objects.order_by("id"))
    time = "2026-01-01T00:00:00+00:00"
    real_id, _ = current_key()
    forged = {"at": time, "event_count": len(remaining), "head": remaining[-1].hash, "key_id": real_id,
              "signature": checkpoint_signature(secrets.token_bytes(32), count=len(remaining),
                                                head=remaining[-1].hash, time=time, key_id=real_id)}
    sql("INSERT INTO audit_auditcheckpoint (at, event_count, head, key_id, signature) VALUES (%s, %s, %s, %s, %s)",
        list(forged.values()))

    report = verify_chain()
    assert report.problem == f"the checkpoint of {time}: its signature does not match: forged or altered"


@pytest.mark.django_db
def test_an_altered_checkpoint_or_a_doctored_saved_one_does_not_verify(checkpointed):
    saved = Checkpoint.of(checkpointed)
    doctored = replace(saved, count=saved.count + 5)  # claiming events the registry never had
    assert verify_chain(saved=(("copy.json", doctored),)).problem == (
        f"the saved checkpoint of {saved.time} (copy.json): its signature does not match: forged or altered")
    assert verify_chain(saved=(("copy.json", saved),)).intact

    sql("UPDATE audit_auditcheckpoint SET event_count = %s", [checkpointed.event_count - 2])
    assert verify_chain().problem == (f"the checkpoint of {saved.time}: its signature does not match: forged or "
                                      "altered")


@pytest.mark.django_db
def test_even_with_the_key_history_before_a_saved_checkpoint_cannot_be_rewritten(checkpointed):
    saved = Checkpoint.of(checkpointed)
    target = AuditEvent.objects.get(action="application.submit")
    _, key = current_key()
    rewrite_from(target.pk, "quietly changed", key=key)  # every seal valid: the key leaked with the database
    last = AuditEvent.objects.order_by("id").last()
    assert verify_chain().problem == (f"event {last.pk}: it is not the event the checkpoint of {saved.time} "
                                      "sealed: the trail was rewritten")

    sql("DELETE FROM audit_auditcheckpoint")
    assert verify_chain().intact  # what the key and the database alone allow
    assert verify_chain(saved=(("copy.json", saved),)).problem == (
        f"event {last.pk}: it is not the event the saved checkpoint of {saved.time} (copy.json) sealed: the trail "
        "was rewritten")

"""Checkpoints are written by the review clock and by backups, published in a feed without personal data, and
read back from either by `dpg audit verify --checkpoint`."""

import gzip
import json

import pytest

from dpg_registry.applications.scheduled import run_review_clock
from dpg_registry.applications.services import applicant
from dpg_registry.audit.checkpoints import Checkpoint
from dpg_registry.audit.errors import TrailBroken
from dpg_registry.audit.models import AuditCheckpoint, AuditEvent
from dpg_registry.audit.services import write_checkpoint
from tests.audit.tampering import delete_everything, sql
from tests.conftest import run_dpg


@pytest.mark.django_db
def test_the_review_clock_writes_a_checkpoint_only_when_the_trail_grew(people, draft):
    run_review_clock.call()
    first = AuditCheckpoint.objects.get()
    assert (first.event_count, first.head) == (AuditEvent.objects.count(), AuditEvent.objects.last().hash)
    run_review_clock.call()
    assert AuditCheckpoint.objects.count() == 1
    applicant.submit(application=draft, by=people["applicant"])
    run_review_clock.call()
    assert AuditCheckpoint.objects.count() == 2
    assert AuditCheckpoint.objects.last().event_count == AuditEvent.objects.count()


@pytest.mark.django_db
def test_no_checkpoint_vouches_for_a_broken_trail(people, draft):
    target = AuditEvent.objects.order_by("id")[1]
    sql("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["quietly changed", target.pk])
    with pytest.raises(TrailBroken, match=f"event {target.pk}: its content does not match its seal"):
        write_checkpoint()
    assert not AuditCheckpoint.objects.exists()


@pytest.mark.django_db
def test_the_feed_lists_signed_checkpoints_newest_first_and_no_personal_data(people, draft, client):
    first = write_checkpoint()
    applicant.submit(application=draft, by=people["applicant"])
    second = write_checkpoint()

    response = client.get("/audit/checkpoints.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    listed = response.json()["checkpoints"]
    assert listed == [Checkpoint.of(second).as_dict(), Checkpoint.of(first).as_dict()]
    assert set(listed[0]) == {"count", "head", "time", "key_id", "signature"}
    body = response.content.decode()
    for person in people.values():
        assert person.email not in body and f"account {person.pk}" not in body
    assert "Open Clinic" not in body and "application.submit" not in body
    assert client.get("/fr/audit/checkpoints.json").status_code == 404  # one feed, the same in every language


@pytest.mark.django_db(transaction=True)
def test_a_backup_carries_a_new_checkpoint_that_shows_a_later_deletion(people, draft, tmp_path):
    applicant.submit(application=draft, by=people["applicant"])
    backup = tmp_path / "backup.gz"
    made = run_dpg("backup", str(backup))
    assert made.returncode == 0, made.stderr
    newest = AuditCheckpoint.objects.get()
    with gzip.open(backup, "rt", encoding="utf-8") as lines:
        header = json.loads(lines.readline())
    assert header["audit_checkpoint"] == Checkpoint.of(newest).as_dict()
    assert newest.event_count == AuditEvent.objects.count()
    assert run_dpg("audit", "verify", "--checkpoint", str(backup)).returncode == 0

    delete_everything(checkpoints=True)
    found = run_dpg("audit", "verify", "--checkpoint", str(backup))
    assert found.returncode == 1
    assert (f"{newest.event_count} events missing since saved checkpoint of {newest.at.isoformat()} ({backup})"
            in found.stderr)


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_a_broken_trail_is_still_made_under_the_last_good_checkpoint(people, draft, tmp_path):
    good = write_checkpoint()
    applicant.submit(application=draft, by=people["applicant"])
    target = AuditEvent.objects.get(action="application.submit")
    sql("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["quietly changed", target.pk])
    backup = tmp_path / "backup.gz"
    made = run_dpg("backup", str(backup))
    assert made.returncode == 0, made.stderr
    assert "warning: no new audit checkpoint" in made.stderr and f"event {target.pk}" in made.stderr
    with gzip.open(backup, "rt", encoding="utf-8") as lines:
        assert json.loads(lines.readline())["audit_checkpoint"] == Checkpoint.of(good).as_dict()


def test_a_file_that_holds_no_checkpoint_is_refused_by_name(tmp_path):
    wrong = tmp_path / "notes.json"
    wrong.write_text(json.dumps({"count": 3}))
    refused = run_dpg("audit", "verify", "--checkpoint", str(wrong))
    assert refused.returncode == 1
    assert f"{wrong}: a checkpoint has exactly count, head, time, key_id and signature" in refused.stderr
    assert "no such file" in run_dpg("audit", "verify", "--checkpoint", str(tmp_path / "gone.json")).stderr

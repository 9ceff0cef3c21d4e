"""The audit key: read strictly, generated once when unset, and rotated without breaking older seals."""

import os
import secrets
import stat

import pytest
from django.conf import settings

from dpg_registry.applications.services import applicant
from dpg_registry.audit.keys import current_key, key_id
from dpg_registry.audit.models import AuditEvent
from dpg_registry.audit.services import write_checkpoint
from dpg_registry.audit.verify import verify_chain
from tests.conftest import run_dpg


def test_a_malformed_key_stops_the_process_naming_the_variable_but_not_the_value(tmp_path):
    short = "abc123" * 5
    refused = run_dpg("manage", "check", DPG_AUDIT_KEY=short)
    assert refused.returncode != 0
    assert "DPG_AUDIT_KEY must be a key of at least 64 hexadecimal characters" in refused.stderr
    assert short not in refused.stderr
    old = tmp_path / "old-keys"
    old.write_text(f"{secrets.token_hex(32)}\nnot-a-key\n")
    refused = run_dpg("manage", "check", DPG_AUDIT_OLD_KEYS_FILE=str(old))
    assert refused.returncode != 0 and "DPG_AUDIT_OLD_KEYS must be a key" in refused.stderr


def test_an_unset_key_is_generated_once_into_the_data_folder(tmp_path):
    shown = "from dpg_registry.audit.keys import current_key; print(current_key()[0])"
    first = run_dpg("manage", "shell", "-c", shown, DPG_VAR_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    generated = tmp_path / "audit-key"
    assert len(bytes.fromhex(generated.read_text())) == 32
    assert stat.S_IMODE(os.stat(generated).st_mode) == 0o600
    assert first.stdout.split()[-1] == key_id(bytes.fromhex(generated.read_text()))
    again = run_dpg("manage", "shell", "-c", shown, DPG_VAR_DIR=str(tmp_path))
    assert again.stdout.split()[-1] == first.stdout.split()[-1]
    from_file = tmp_path / "key-file"
    from_file.write_text("AB" * 40 + "\n")
    chosen = run_dpg("manage", "shell", "-c", shown, DPG_VAR_DIR=str(tmp_path), DPG_AUDIT_KEY_FILE=str(from_file))
    assert chosen.stdout.split()[-1] == key_id(bytes.fromhex("ab" * 40))


@pytest.mark.django_db
def test_events_and_checkpoints_sealed_with_a_retired_key_still_verify(people, draft, settings):
    old_id, _ = current_key()
    old_checkpoint = write_checkpoint()
    settings.DPG_AUDIT_OLD_KEYS = [settings.DPG_AUDIT_KEY]
    settings.DPG_AUDIT_KEY = secrets.token_hex(32)
    new_id, _ = current_key()
    applicant.submit(application=draft, by=people["applicant"])
    new_checkpoint = write_checkpoint()

    assert {old_id, new_id} == set(AuditEvent.objects.values_list("key_id", flat=True))
    assert (old_checkpoint.key_id, new_checkpoint.key_id) == (old_id, new_id)
    report = verify_chain()
    assert report.intact, report.problem
    assert report.checked == AuditEvent.objects.count()


@pytest.mark.django_db
def test_a_seal_under_a_key_no_longer_known_is_a_break(people, draft, settings):
    first = AuditEvent.objects.order_by("id").first()
    old_id, _ = current_key()
    settings.DPG_AUDIT_KEY = secrets.token_hex(32)  # rotated, but the old key was not kept
    assert verify_chain().problem == f"event {first.pk}: sealed with key {old_id}, which is not a known audit key"


@pytest.mark.django_db(transaction=True)
def test_dpg_audit_verify_reads_retired_keys_from_the_environment(people, draft, tmp_path):
    old_key = settings.DPG_AUDIT_KEY
    old_file = tmp_path / "old-keys"
    old_file.write_text(f"{secrets.token_hex(32)}, {old_key}\n")
    rotated = {"DPG_AUDIT_KEY": secrets.token_hex(32)}
    assert run_dpg("audit", "verify", **rotated, DPG_AUDIT_OLD_KEYS_FILE=str(old_file)).returncode == 0
    lost = run_dpg("audit", "verify", **rotated)
    assert lost.returncode == 1
    assert f"sealed with key {key_id(bytes.fromhex(old_key))}, which is not a known audit key" in lost.stderr

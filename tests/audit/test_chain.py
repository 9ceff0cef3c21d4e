"""The audit trail is append-only, and `dpg audit verify` finds any edit made behind the services' back."""

import pytest
from django.db import connection

from dpg_registry.applications.services import applicant
from dpg_registry.audit.models import AppendOnlyError, AuditEvent
from tests.conftest import run_dpg


@pytest.mark.django_db(transaction=True)
def test_every_action_is_logged_with_who_what_and_before_after(people, draft):
    applicant.submit(application=draft, by=people["applicant"])
    event = AuditEvent.objects.filter(action="application.submit").get()
    assert (event.actor_id, event.role) == (people["applicant"].pk, "applicant")
    assert event.before == {"state": "draft"} and event.after == {"state": "submitted"}
    assert event.subject_id == str(draft.pk)


@pytest.mark.django_db
def test_no_code_path_can_change_or_delete_an_event(people, draft):
    event = AuditEvent.objects.first()
    event.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_verify_passes_on_an_intact_trail_and_names_the_edited_row(people, draft):
    applicant.submit(application=draft, by=people["applicant"])
    intact = run_dpg("audit", "verify")
    assert intact.returncode == 0, intact.stderr
    assert "audit trail intact" in intact.stdout

    target = AuditEvent.objects.get(action="application.submit")
    with connection.cursor() as cursor:  # someone with database access edits a row
        cursor.execute("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["quietly changed", target.pk])
    tampered = run_dpg("audit", "verify")
    assert tampered.returncode == 1
    assert f"event {target.pk}: its content does not match its seal" in tampered.stderr


@pytest.mark.django_db(transaction=True)
def test_verify_notices_events_removed_from_the_middle_or_the_end(people, draft):
    applicant.submit(application=draft, by=people["applicant"])
    events = list(AuditEvent.objects.order_by("id").values_list("id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1]])
    assert "its link to the previous event does not match" in run_dpg("audit", "verify").stderr
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id >= %s", [events[1]])
    assert "events were removed from the end" in run_dpg("audit", "verify").stderr

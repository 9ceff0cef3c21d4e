"""Migration 0003 re-seals a trail written under the plain SHA-256 chain with the audit key, and refuses to re-seal
one that was already tampered with, which would hide the change."""

import pytest
from django.utils import timezone

from dpg_registry.audit.keys import current_key
from dpg_registry.audit.models import AuditEvent
from dpg_registry.audit.verify import verify_chain
from tests.audit.old_trail import migrate_forward, plain_chain_intact, trail_before_keys, write_plain_chain

LABELS = [(7, "account 7"), (None, "system"), (9, "account 9")]


@pytest.mark.django_db(transaction=True)
def test_an_intact_old_trail_is_resealed_with_the_current_key():
    with trail_before_keys() as apps:
        old = write_plain_chain(apps, LABELS, timezone.now())

    events = list(AuditEvent.objects.order_by("id"))
    assert [(event.pk, event.actor_label) for event in events] == [(event.pk, event.actor_label) for event in old]
    assert {event.key_id for event in events} == {current_key()[0]}
    assert not {event.hash for event in events} & {event.hash for event in old}
    report = verify_chain()
    assert report.intact and report.checked == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("tampering", ["edit", "truncation"])
def test_a_broken_old_trail_is_refused_and_left_as_it_is(tampering):
    with trail_before_keys() as apps:
        Event, Head = apps.get_model("audit", "AuditEvent"), apps.get_model("audit", "AuditHead")
        old = write_plain_chain(apps, LABELS, timezone.now())
        if tampering == "edit":
            Event.objects.filter(pk=old[1].pk).update(reason="edited")
            expected = f"audit event {old[1].pk} does not match its hash"
        else:
            Event.objects.filter(pk=old[2].pk).delete()
            expected = "the audit trail ends before its recorded head"
        with pytest.raises(RuntimeError, match=expected):
            migrate_forward()
        assert set(Event.objects.values_list("hash", flat=True)) <= {event.hash for event in old}
        assert Head.objects.get().last_hash == old[2].hash
        Event.objects.all().delete()  # so that the test database can migrate forward again
        Head.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_going_back_rewrites_the_plain_chain_and_coming_forward_reseals_it(people):
    count = AuditEvent.objects.count()
    assert count > 0
    with trail_before_keys() as apps:
        assert plain_chain_intact(apps)
    report = verify_chain()
    assert report.intact and report.checked == count

"""Events written before actors were pseudonymous named them by username: name them "account <id>" and re-seal.

The chain is checked first with the old labels; a broken chain is left as it is and the migration stops,
so that re-sealing never hides an edit.
"""

from django.db import migrations

from dpg_registry.audit.chain import GENESIS, event_hash, hashed_fields


def pseudonymise(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditHead = apps.get_model("audit", "AuditHead")
    events = list(AuditEvent.objects.order_by("id"))
    previous = GENESIS
    for event in events:
        if event.previous_hash != previous or event_hash(previous, hashed_fields(event)) != event.hash:
            raise RuntimeError(f"audit event {event.pk} does not match its hash: run `dpg audit verify` and "
                               "restore the trail from a backup before migrating")
        previous = event.hash
    if not any(event.actor_id is not None and event.actor_label != f"account {event.actor_id}" for event in events):
        return
    previous = GENESIS
    for event in events:
        if event.actor_id is not None:
            event.actor_label = f"account {event.actor_id}"
        event.previous_hash = previous
        event.hash = event_hash(previous, hashed_fields(event))
        previous = event.hash
    for event in events:
        AuditEvent.objects.filter(pk=event.pk).update(actor_label=event.actor_label, previous_hash=event.previous_hash,
                                                      hash=event.hash)
    AuditHead.objects.filter(pk=1).update(last_hash=previous)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(pseudonymise, migrations.RunPython.noop)]

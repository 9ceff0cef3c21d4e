"""Events sealed by the plain SHA-256 chain, which anyone can recompute, are re-sealed with the audit key.

The old chain is checked first, head included; a broken chain is left as it is and the migration stops, so that
re-sealing never hides an edit or a truncation. Going back checks the keyed seals and writes the plain chain.
"""

import hmac

from django.db import migrations, models

from dpg_registry.audit.chain import GENESIS, event_hash, event_seal, hashed_fields
from dpg_registry.audit.keys import current_key, known_keys


def reseal(apps, schema_editor):
    key_id, key = current_key()
    _rewrite(apps, check=lambda event, previous: event_hash(previous, hashed_fields(event)) == event.hash,
             seal=lambda event, previous: (key_id, event_seal(key, key_id, previous, hashed_fields(event))))


def unseal(apps, schema_editor):
    keys = known_keys()

    def check(event, previous):
        key = keys.get(event.key_id)
        return key is not None and hmac.compare_digest(
            event_seal(key, event.key_id, previous, hashed_fields(event)), event.hash)

    _rewrite(apps, check=check, seal=lambda event, previous: ("", event_hash(previous, hashed_fields(event))))


def _rewrite(apps, *, check, seal):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditHead = apps.get_model("audit", "AuditHead")
    events = list(AuditEvent.objects.order_by("id"))
    previous = GENESIS
    for event in events:
        if event.previous_hash != previous or not check(event, previous):
            raise RuntimeError(f"audit event {event.pk} does not match its hash: run `dpg audit verify` and "
                               "restore the trail from a backup before migrating")
        previous = event.hash
    head = AuditHead.objects.filter(pk=1).values_list("last_hash", flat=True).first()
    if head not in (None, previous) or (head is None and events):
        raise RuntimeError("the audit trail ends before its recorded head (events were removed from the end): "
                           "run `dpg audit verify` and restore the trail from a backup before migrating")
    previous = GENESIS
    for event in events:
        event.key_id, event.hash = seal(event, previous)
        AuditEvent.objects.filter(pk=event.pk).update(key_id=event.key_id, previous_hash=previous, hash=event.hash)
        previous = event.hash
    AuditHead.objects.filter(pk=1).update(last_hash=previous)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_pseudonymous_actors")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(default="", max_length=8),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="AuditCheckpoint",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField()),
                ("event_count", models.PositiveBigIntegerField()),
                ("head", models.CharField(max_length=64)),
                ("key_id", models.CharField(max_length=8)),
                ("signature", models.CharField(max_length=64)),
            ],
            options={"ordering": ["id"]},
        ),
        migrations.RunPython(reseal, unseal),
    ]

"""What someone with write access to the database (but not the audit key) does to the trail, in plain SQL."""

import json

from django.db import connection

from dpg_registry.audit.chain import GENESIS, event_hash, event_seal, hashed_fields
from dpg_registry.audit.models import AuditEvent


def sql(statement: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def truncate_and_reset_head(keep: int) -> None:
    """Remove every event after the first ``keep`` and point the head at the last one left."""
    kept = list(AuditEvent.objects.order_by("id").values_list("id", "hash")[:keep])
    last_id, last_hash = kept[-1] if kept else (0, GENESIS)
    sql("DELETE FROM audit_auditevent WHERE id > %s", [last_id])
    sql("UPDATE audit_audithead SET last_hash = %s", [last_hash])


def delete_everything(*, checkpoints: bool) -> None:
    sql("DELETE FROM audit_auditevent")
    sql("DELETE FROM audit_audithead")
    if checkpoints:
        sql("DELETE FROM audit_auditcheckpoint")


def rewrite_from(event_id: int, reason: str, *, key: bytes | None, key_id: str | None = None) -> None:
    """Change one event's reason and recompute every seal from there on and the head, with the project's own
    chain code: the plain SHA-256 chain when ``key`` is None, else a key of the attacker's choosing."""
    events = list(AuditEvent.objects.order_by("id"))
    previous = GENESIS
    for event in events:
        if event.pk == event_id:
            event.reason = reason
        if event.pk >= event_id:
            event.key_id = key_id if key_id is not None else event.key_id
            fields = hashed_fields(event)
            seal = event_hash(previous, fields) if key is None else event_seal(key, event.key_id, previous, fields)
            sql("UPDATE audit_auditevent SET reason = %s, previous_hash = %s, hash = %s, key_id = %s WHERE id = %s",
                [event.reason, previous, seal, event.key_id, event.pk])
            event.hash = seal
        previous = event.hash
    sql("UPDATE audit_audithead SET last_hash = %s", [previous])


def saved_file(tmp_path, name: str, content) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(content))
    return str(path)

"""How an audit event is sealed. Changing this breaks every existing chain, so it stays small.

Events are sealed with an HMAC-SHA256 under a key kept out of the database: anyone can run this code, but
without the key nobody can recompute a seal after changing an event. ``event_hash`` is the plain SHA-256 chain
that sealed events before keys; migrations use it to check an old trail before they re-seal it.
"""

import hashlib
import hmac
import json

GENESIS = "0" * 64


def event_hash(previous_hash: str, fields: dict) -> str:
    return hashlib.sha256(f"{previous_hash}\n{_canonical(fields)}".encode()).hexdigest()


def event_seal(key: bytes, key_id: str, previous_seal: str, fields: dict) -> str:
    return hmac.new(key, f"{key_id}\n{previous_seal}\n{_canonical(fields)}".encode(), hashlib.sha256).hexdigest()


def checkpoint_signature(key: bytes, *, count: int, head: str, time: str, key_id: str) -> str:
    # The prefix keeps a checkpoint's message from ever being an event's (those start with a key id).
    fields = {"count": count, "head": head, "time": time, "key_id": key_id}
    return hmac.new(key, f"checkpoint\n{_canonical(fields)}".encode(), hashlib.sha256).hexdigest()


def hashed_fields(event) -> dict:
    return {
        "at": event.at.isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "role": event.role,
        "action": event.action,
        "subject_type": event.subject_type,
        "subject_id": event.subject_id,
        "before": event.before,
        "after": event.after,
        "reason": event.reason,
    }


def _canonical(fields: dict) -> str:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)

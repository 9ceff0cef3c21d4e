"""The audit keys: the one sealing new events and checkpoints, and retired ones kept to verify older seals.

A key is known by its id, the first 8 hexadecimal digits of its SHA-256: stored beside each seal, it says
which key to verify with and reveals nothing of the key.
"""

import hashlib

from django.conf import settings


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:8]


def current_key() -> tuple[str, bytes]:
    key = bytes.fromhex(settings.DPG_AUDIT_KEY)
    return key_id(key), key


def known_keys() -> dict[str, bytes]:
    keys = [bytes.fromhex(value) for value in settings.DPG_AUDIT_OLD_KEYS]
    return {**{key_id(key): key for key in keys}, **dict([current_key()])}

"""Checkpoints as the public sees them: the shape of the feed and of a backup's header, and reading one back
from a file saved outside the database (the feed, one checkpoint of it, or a backup)."""

import gzip
import hmac
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from dpg_registry.audit.chain import checkpoint_signature
from dpg_registry.audit.errors import CheckpointUnreadable

HEX = {"head": re.compile(r"^[0-9a-f]{64}$"), "key_id": re.compile(r"^[0-9a-f]{8}$"),
       "signature": re.compile(r"^[0-9a-f]{64}$")}


@dataclass(frozen=True)
class Checkpoint:
    count: int
    head: str
    time: str
    key_id: str
    signature: str

    @classmethod
    def of(cls, row) -> "Checkpoint":
        return cls(count=row.event_count, head=row.head, time=row.at.isoformat(), key_id=row.key_id,
                   signature=row.signature)

    @classmethod
    def parse(cls, value, where: str) -> "Checkpoint":
        if not isinstance(value, dict) or set(value) != {"count", "head", "time", "key_id", "signature"}:
            raise CheckpointUnreadable(f"{where}: a checkpoint has exactly count, head, time, key_id and signature")
        if not isinstance(value["count"], int) or isinstance(value["count"], bool) or value["count"] < 0:
            raise CheckpointUnreadable(f"{where}: count must be a whole number")
        for name, pattern in HEX.items():
            if not isinstance(value[name], str) or not pattern.match(value[name]):
                raise CheckpointUnreadable(f"{where}: {name} is not a checkpoint's {name}")
        if not isinstance(value["time"], str):
            raise CheckpointUnreadable(f"{where}: time must be a string")
        return cls(**value)

    def as_dict(self) -> dict:
        return asdict(self)

    def forgery(self, keys: dict[str, bytes]) -> str:
        """Why this checkpoint cannot be trusted, or "" when its signature is good."""
        key = keys.get(self.key_id)
        if key is None:
            return f"it was signed with key {self.key_id}, which is not a known audit key"
        expected = checkpoint_signature(key, count=self.count, head=self.head, time=self.time, key_id=self.key_id)
        if hmac.compare_digest(expected, self.signature):
            return ""
        return "its signature does not match: forged or altered"


def read_checkpoints(path: Path) -> list[Checkpoint]:
    """The checkpoints in a file: a checkpoint, the feed (every one it lists) or a backup (its header's)."""
    try:
        with path.open("rb") as handle:
            compressed = handle.read(2) == b"\x1f\x8b"
        if compressed:  # a backup: only its first line, the header, is read
            with gzip.open(path, "rt", encoding="utf-8") as source:
                text = source.readline()
        else:
            text = path.read_text(encoding="utf-8")
        found = json.loads(text)
    except FileNotFoundError:
        raise CheckpointUnreadable(f"{path}: no such file") from None
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as error:
        raise CheckpointUnreadable(f"{path}: not a checkpoint, the checkpoint feed or a backup ({error})") from None
    if isinstance(found, dict) and "audit_checkpoint" in found:
        found = found["audit_checkpoint"]
        if found is None:
            raise CheckpointUnreadable(f"{path}: this backup holds no audit checkpoint")
    if isinstance(found, dict) and isinstance(found.get("checkpoints"), list):
        return [Checkpoint.parse(item, f"{path}, checkpoint {number}")
                for number, item in enumerate(found["checkpoints"], start=1)]
    return [Checkpoint.parse(found, str(path))]

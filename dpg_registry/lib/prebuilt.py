"""Tables worked out once, when the project is built, instead of in every process that needs them.

A prebuilt file holds the table and a fingerprint of the files it was worked out from: the installed
packages' data and the module that works it out. When any of them differs (another version of a
package, an edited module), ``load`` gives None and the caller works the table out again as before:
the answer is the same, only slower. ``scripts/prebuild_licence_keys.py`` writes the files; tests say
when one is out of date.
"""

import json
import zlib
from pathlib import Path


def fingerprint(sources: list[Path]) -> str:
    """A checksum of the sources' bytes, in order (reading them costs half a millisecond; parsing them, tens).
    They are read into one small buffer again and again: a new buffer of a megabyte's size took longer to get
    from the system than the reading and summing."""
    checksum = 0
    buffer = bytearray(1 << 16)
    view = memoryview(buffer)
    for source in sources:
        with open(source, "rb", buffering=0) as handle:
            while count := handle.readinto(buffer):
                checksum = zlib.crc32(view[:count], checksum)
    return f"{checksum:08x}"


def load(path: Path, sources: list[Path]) -> dict | None:
    """The table of the prebuilt file at ``path``, or None when it is missing, unreadable or made from other
    sources."""
    try:
        with open(path, "rb") as handle:
            prebuilt = json.load(handle)
        current = fingerprint(sources)
    except (OSError, ValueError):
        return None
    if not isinstance(prebuilt, dict) or prebuilt.get("fingerprint") != current:
        return None
    return prebuilt.get("table")


def write(path: Path, sources: list[Path], table: dict) -> None:
    """Write ``table`` with the fingerprint of ``sources``, its keys in the table's own order."""
    document = {"fingerprint": fingerprint(sources), "table": table}
    path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n",
                    encoding="utf-8")

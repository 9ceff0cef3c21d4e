"""docs/dpg-self-assessment.md agrees with `dpg check .` on every indicator, and every file it cites exists."""

import json
import re
import subprocess
import sys

from dpg_registry.standard.services import DATA_DIR
from tests.conftest import ROOT

DOC = ROOT / "docs" / "dpg-self-assessment.md"


def verdict_table() -> dict[str, str]:
    section = DOC.read_text().split("## Verdicts", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:-1] for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return {cells[0].strip(): cells[2].strip() for cells in rows[1:]}  # the first row is the header


def test_every_indicator_has_the_verdict_dpg_check_reaches():
    done = subprocess.run([sys.executable, "-m", "dpg_registry.cli", "check", str(ROOT), "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    report = json.loads(done.stdout)
    standard = json.loads((DATA_DIR / "standard-1.1.7.json").read_text())
    leaves = [item["code"] for item in standard["indicators"] if item["code"] != "9"]  # 9 is answered as 9a-9c
    table = verdict_table()
    assert list(table) == leaves
    assert table == {code: finding["status"] for code, finding in report["indicators"].items()}


def test_every_file_the_self_assessment_cites_exists():
    links = re.findall(r"\]\(([^)#]+)\)", DOC.read_text())
    assert len(links) > 20
    missing = [link for link in links if not (DOC.parent / link).resolve().exists()]
    assert missing == []

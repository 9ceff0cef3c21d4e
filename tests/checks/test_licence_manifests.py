"""Licences in package manifests (parsed, never run), names people write, and statements in prose."""

from pathlib import Path

import pytest

from dpg_registry.checks.detectors.licence.gathering import read_manifests
from dpg_registry.checks.detectors.licence.manifests import read_manifest
from dpg_registry.checks.detectors.licence.names import resolve
from dpg_registry.checks.detectors.licence.statements import (
    header_expressions,
    later_wordings,
    readme_section,
    statements,
)
from dpg_registry.checks.tree import FileEntry, Tree


def declared(name: str, text: str) -> list[tuple[str | None, int | None]]:
    """(expression, line) of each licence the manifest ``name`` with ``text`` declares."""
    return [(item.declared.expression, item.line) for item in read_manifest(FileEntry(name, len(text), 0), text)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("MIT", "MIT"),
        ("MIT License", "MIT"),
        ("Apache License 2.0", "Apache-2.0"),
        ("Apache 2", "Apache-2.0"),
        ("The Apache Software License, Version 2.0", "Apache-2.0"),
        ("GPLv3", "GPL-3.0"),  # neither "only" nor "or later": the plain id
        ("GNU GPL v3", "GPL-3.0"),
        ("GNU GPL v3 only", "GPL-3.0-only"),
        ("GPLv3+", "GPL-3.0-or-later"),
        ("GNU General Public License v2 or later (GPLv2+)", "GPL-2.0-or-later"),
        ("GNU Lesser General Public License v2.1", "LGPL-2.1"),
        ("BSD 3-Clause", "BSD-3-Clause"),
        ("Simplified BSD", "BSD-2-Clause"),
        ("ISC License (ISCL)", "ISC"),
        ("Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0"),
        ("European Union Public Licence 1.2 (EUPL 1.2)", "EUPL-1.2"),
        ("Creative Commons Attribution-ShareAlike 4.0 International", "CC-BY-SA-4.0"),
        ("CC0 1.0 Universal (CC0 1.0) Public Domain Dedication", "CC0-1.0"),
        ("Open Database License", "ODbL-1.0"),
        ("mit or apache-2.0", "MIT OR Apache-2.0"),
        ("MIT/Apache-2.0", "Apache-2.0 OR MIT"),
        ("https://www.apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0"),
        ("LicenseRef-Example-Custom", "LicenseRef-Example-Custom"),
    ],
)
def test_names_people_write_map_to_spdx(name, expected):
    assert resolve(name).expression == expected


def test_a_name_without_version_is_a_family_not_a_guess():
    assert (resolve("BSD").expression, resolve("BSD").family) == (None, "BSD")
    assert (resolve("Apache Software License").expression, resolve("Apache Software License").family) == (
        None, "Apache")
    assert resolve("GNU General Public License (GPL)").family == "GPL"


@pytest.mark.parametrize("name", ["Public Domain", "Free for non-commercial use", "see website"])
def test_unknown_names_stay_unknown(name):
    found = resolve(name)
    assert not found.known and found.raw == name


def test_proprietary_and_file_references():
    assert resolve("UNLICENSED").proprietary
    assert resolve("SEE LICENSE IN LICENSE.txt").file == "LICENSE.txt"


def test_package_json_forms():
    assert declared("package.json", '{\n  "name": "x",\n  "license": "(MIT OR Apache-2.0)"\n}') == [
        ("MIT OR Apache-2.0", 3)]
    assert declared("package.json", '{"license": {"type": "ISC", "url": "x"}}') == [("ISC", 1)]
    assert declared("package.json", '{"licenses": [{"type": "MIT"}, {"type": "GPL-2.0-only"}]}') == [
        ("GPL-2.0-only OR MIT", 1)]
    assert declared("package.json", "{not json") == []


def test_pyproject_forms():
    assert declared("pyproject.toml", '[project]\nname = "x"\nlicense = "Apache-2.0 OR MIT"\n') == [
        ("Apache-2.0 OR MIT", 3)]
    assert declared("pyproject.toml", '[project]\nlicense = {text = "BSD-3-Clause"}\n') == [("BSD-3-Clause", 2)]
    file_only = read_manifest(FileEntry("pyproject.toml", 1, 0), '[project]\nlicense = {file = "COPYING"}\n')
    assert file_only[0].declared.file == "COPYING"
    classifiers = ('[project]\nname = "x"\nclassifiers = [\n  "Programming Language :: Python",\n'
                   '  "License :: OSI Approved :: MIT License",\n]\n')
    assert declared("pyproject.toml", classifiers) == [("MIT", 5)]
    assert declared("pyproject.toml", '[tool.poetry]\nname = "x"\nlicense = "GPL-3.0-or-later"\n') == [
        ("GPL-3.0-or-later", 3)]


def test_setup_cfg():
    text = ("[metadata]\nname = x\nlicense = Apache License 2.0\nclassifiers =\n"
            "    License :: OSI Approved :: Apache Software License\n")
    found = read_manifest(FileEntry("setup.cfg", len(text), 0), text)
    assert [(item.declared.expression, item.declared.family, item.line) for item in found] == [
        ("Apache-2.0", None, 3), (None, "Apache", 5)]


def test_setup_py_is_read_as_syntax_and_never_run(tmp_path):
    marker = tmp_path / "ran"
    text = (f"import pathlib\npathlib.Path({str(marker)!r}).write_text('ran')\nfrom setuptools import setup\n"
            "LICENCE = 'MIT'\nsetup(\n    name='x',\n    license='GPLv2+',\n"
            "    classifiers=['License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)'],\n)\n"
            "setuptools.setup(license=LICENCE)\n")
    assert declared("setup.py", text) == [("GPL-2.0-or-later", 7), ("GPL-2.0-or-later", 8)]
    assert not marker.exists()
    assert declared("setup.py", "setup(license=") == []


def test_pom_xml_with_namespace_and_a_choice():
    text = ('<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <licenses>\n'
            "    <license><name>The Apache Software License, Version 2.0</name></license>\n"
            "    <license><name>Eclipse Public License</name><url>https://www.eclipse.org/legal/epl-2.0/</url>"
            "</license>\n  </licenses>\n</project>\n")
    assert declared("pom.xml", text) == [("Apache-2.0 OR EPL-2.0", 3)]


def test_pom_xml_refuses_entity_tricks():
    bomb = ('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            "<project><licenses><license><name>&b;</name></license></licenses></project>")
    assert declared("pom.xml", bomb) == []


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("build.gradle", "publishing { pom { licenses { license {\n  name = 'The MIT License'\n  url = 'x'\n} } } }",
         [("MIT", 1)]),
        ("build.gradle.kts", 'pom {\n  licenses {\n    license {\n      name.set("Apache License 2.0")\n    }\n  }\n}',
         [("Apache-2.0", 3)]),
        ("Cargo.toml", '[package]\nname = "x"\nlicense = "MIT/Apache-2.0"\n', [("Apache-2.0 OR MIT", 3)]),
        ("composer.json", '{"license": ["LGPL-2.1-only", "GPL-3.0-or-later"]}',
         [("GPL-3.0-or-later OR LGPL-2.1-only", 1)]),
        ("x.gemspec", "Gem::Specification.new do |s|\n  s.name = 'x'\n  s.licenses = ['MIT']\nend\n", [("MIT", 3)]),
        ("x.gemspec", "Gem::Specification.new do |s|\n  s.license = %w[Ruby BSD-2-Clause]\nend\n",
         [("BSD-2-Clause OR Ruby", 2)]),
        ("DESCRIPTION", "Package: x\nVersion: 1.0\nLicense: GPL (>= 2)\n", [("GPL-2.0-or-later", 3)]),
        ("DESCRIPTION", "Package: x\nLicense: MIT + file LICENSE\n", [("MIT", 2)]),
        ("DESCRIPTION", "Package: x\nLicense: GPL-2 | GPL-3\n", [("GPL-2.0 OR GPL-3.0", 2)]),
        ("DESCRIPTION", "A plain text describing something.\nLicense: MIT\n", []),
        ("App.csproj", "<Project>\n  <PropertyGroup>\n    <PackageLicenseExpression>MIT</PackageLicenseExpression>\n",
         [("MIT", 3)]),
        ("go.mod", "module example.org/x\n\ngo 1.22\n", []),
        ("pubspec.yaml", "name: x\nversion: 1.0.0\n", []),
    ],
)
def test_other_manifests(name, text, expected):
    assert declared(name, text) == expected


def test_manifests_without_a_licence_field_are_noted(tmp_path):
    (tmp_path / "go.mod").write_text("module example.org/x\n")
    (tmp_path / "pubspec.yaml").write_text("name: x\n")
    claims, notes = read_manifests(Tree.walk(Path(tmp_path)))
    assert claims == []
    assert notes == ["go.mod has no licence field: Go modules reads the LICENSE file",
                     "pubspec.yaml has no licence field: pub.dev reads the LICENSE file"]


def test_spdx_headers_lose_their_comment_closers():
    text = "/* SPDX-License-Identifier: MIT OR Apache-2.0 */\n<!-- SPDX-License-Identifier: CC-BY-4.0 -->\n"
    assert header_expressions(text) == [("MIT OR Apache-2.0", 1), ("CC-BY-4.0", 2)]


def test_or_later_wording_across_comment_lines():
    text = ("# This library is free software; you can redistribute it and/or\n# modify it under the terms of the GNU "
            "Lesser General Public\n# License as published by the Free Software Foundation; either\n"
            "# version 2.1 of the License, or (at your option) any later version.\n")
    assert later_wordings(text) == [("LGPL-2.1", 4)]
    assert later_wordings(text.upper().replace("VERSION 2.1", "version 2.1")) == [("LGPL-2.1", 4)]
    # A head that says "later" and "option" but not "your" holds no such wording (most Apache headers).
    assert later_wordings("# Licensed under the Apache License; see it for the option to use later versions") == []


def test_readme_sections_in_markdown_rst_and_html():
    markdown = "# x\n\nIntro.\n\n## Licence and copyright\n\nReleased under the EUPL-1.2.\n\n## Next\n\nGPL\n"
    rst = "x\n=\n\nLicense\n-------\n\nBSD 3-Clause.\n"
    html = "<h2>License</h2>\n\nMIT\n"
    assert readme_section(markdown) == (6, "\nReleased under the EUPL-1.2.\n")
    assert [s.declared.expression for s in statements(readme_section(rst)[1])] == ["BSD-3-Clause"]
    assert [s.declared.expression for s in statements(readme_section(html)[1])] == ["MIT"]
    assert readme_section("# x\n\nNo section here, only a licensed word.\n") is None


def test_statements_in_prose():
    found = statements("This work is licensed under a Creative Commons Attribution 4.0 International License.\n\n"
                       "Code: [![License: GPL v3](https://img.shields.io/badge/License-GPLv3-blue.svg)]"
                       "(https://www.gnu.org/licenses/gpl-3.0)\n")
    assert [(s.declared.expression, s.line) for s in found] == [("CC-BY-4.0", 1), ("GPL-3.0", 3)]


def test_an_identifier_inside_a_string_is_not_a_header():
    text = 'EXAMPLE = "/* SPDX-License-Identifier: GPL-3.0-only */"\n{- SPDX-License-Identifier: BSD-2-Clause -}\n'
    assert header_expressions(text) == [("BSD-2-Clause", 2)]

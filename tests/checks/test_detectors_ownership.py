"""Indicator 3: who owns the product, as copyright notices and the files around them say."""


import pytest

from dpg_registry.checks.detectors import ownership
from dpg_registry.checks.model import Confidence, Status
from tests.checks.trees import answer, tree_of

MIT = """MIT License

Copyright (c) 2021-2024 Example Health Foundation

Permission is hereby granted, free of charge, to any person obtaining a copy of this software...
THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM.
"""


@pytest.mark.parametrize(("line", "holder"), [
    ("Copyright (c) 2021 Example Org", "Example Org"),
    ("Copyright © 2019-2023 Example Org. All rights reserved.", "Example Org"),
    ("# Copyright 2020, 2021 The Example Authors", "The Example Authors"),
    (" * (c) 2018 Example Org", "Example Org"),
    ("&copy; 2022 Example Org", "Example Org"),
    ("// Copyright The Example Authors.", "The Example Authors"),
    ("Copyright (C) 2020 Jane Doe <jane@example.org>", "Jane Doe"),
    ("Copyright 2021 Example Org - Licensed under the Apache License", "Example Org"),
    # Prose and the blanks of licence templates are not notices.
    ("Copyright (c) <year> <copyright holders>", None),
    ("Copyright [yyyy] [name of copyright owner]", None),
    ("Copyright (C) <year>  <name of author>", None),
    ("Copyright {{ cookiecutter.year }} {{ cookiecutter.author }}", None),
    ("THE COPYRIGHT HOLDERS AND CONTRIBUTORS PROVIDE THE SOFTWARE", None),
    ("copyright law protects the work", None),
    ("Copyright notice", None),
    ("(c) You must give appropriate credit", None),
])
def test_copyright_lines(line, holder):
    assert ownership.holder_of(line) == holder


def test_licence_notice_states_ownership_and_suggests_the_owner(tmp_path):
    outcome = ownership.detect(tree_of(tmp_path, {"LICENSE": MIT, "src/app.py": "print('hi')\n"}), "software")

    documented = answer(outcome, "ownership_documented")
    assert documented.status == Status.MET and documented.value == "yes"
    assert documented.evidence[0].path == "LICENSE" and documented.evidence[0].line == 3
    owner = answer(outcome, "owner_name")
    assert owner.value == "Example Health Foundation"
    assert owner.confidence == Confidence.MEDIUM


def test_licence_file_outweighs_headers_copied_from_elsewhere(tmp_path):
    boilerplate = "/*\n * Copyright (c) Meta Platforms, Inc. and affiliates.\n */\nclass Flipper {}\n"
    tree = tree_of(tmp_path, {
        "LICENSE": "Copyright (c) 2022 Modular Open Source Identity Platform\n",
        "android/debug/Flipper.java": boilerplate,
        "android/release/Flipper.java": boilerplate,
    })
    outcome = ownership.detect(tree, "software")

    owner = answer(outcome, "owner_name")
    assert owner.value == "Modular Open Source Identity Platform"
    assert "Other holders are named too" in owner.explanation
    assert "Meta Platforms" in answer(outcome, "ownership_documented").explanation


def test_source_headers_name_the_owner_when_they_agree(tmp_path):
    header = "# Copyright 2023 Acme Water Ltd\n# SPDX-License-Identifier: MIT\n\nimport os\n"
    tree = tree_of(tmp_path, {"app/a.py": header, "app/b.py": header, "app/c.py": "import sys\n"})
    assert answer(ownership.detect(tree, "software"), "owner_name").value == "Acme Water Ltd"


def test_code_that_mentions_copyright_is_not_a_notice(tmp_path):
    code = 'PATTERN = "Copyright (c) 2020 Example"\nlabel = f"© 2021 {owner}"\n'
    outcome = ownership.detect(tree_of(tmp_path, {"notices.py": code}), "software")
    documented = answer(outcome, "ownership_documented")
    assert documented.status == Status.NEEDS_PERSON and documented.value is None


def test_licence_text_authors_are_not_owners(tmp_path):
    gpl = ("GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n\n"
           "Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>\n"
           "    <one line to give the program's name>\n    Copyright (C) <year>  <name of author>\n")
    outcome = ownership.detect(tree_of(tmp_path, {"COPYING": gpl}), "software")
    assert answer(outcome, "ownership_documented").status == Status.NEEDS_PERSON
    assert answer(outcome, "owner_name") is None


def test_email_addresses_are_left_out_of_evidence(tmp_path):
    tree = tree_of(tmp_path, {"LICENSE": "Copyright (c) 2020 Jane Doe <jane@example.org>\n"})
    documented = answer(ownership.detect(tree, "software"), "ownership_documented")
    assert "jane@example.org" not in documented.evidence[0].excerpt
    assert "Jane Doe" in documented.explanation


def test_people_agreement_and_trademark_files(tmp_path):
    tree = tree_of(tmp_path, {
        "AUTHORS": "Jane Doe <jane@example.org>\nJohn Roe\n",
        ".github/CODEOWNERS": "* @example/maintainers\n",
        "CONTRIBUTING.md": "# Contributing\n\nEvery commit needs a Signed-off-by line (the DCO).\n",
        "CLA.md": "Individual contributor licence agreement\n",
        "TRADEMARKS.md": "Example is a registered trademark of the Example Foundation.\n",
    })
    findings = ownership.detect(tree, "software").findings
    text = " ".join(finding.explanation for finding in findings)

    people = next(f for f in findings if "people or organisations" in f.explanation)
    assert {e.path for e in people.evidence} == {"AUTHORS", ".github/CODEOWNERS"}
    assert all(not e.excerpt for e in people.evidence)  # names are not copied
    assert "Jane" not in text
    agreements = next(f for f in findings if "contributor licence agreement" in f.explanation)
    assert {e.path for e in agreements.evidence} == {"CLA.md", "CONTRIBUTING.md"}
    assert next(e for e in agreements.evidence if e.path == "CONTRIBUTING.md").line == 3
    assert any("trademark" in f.explanation for f in findings)


def test_nothing_found_asks_a_person(tmp_path):
    outcome = ownership.detect(tree_of(tmp_path, {"main.go": "package main\n"}), "data")
    assert [f.status for f in outcome.findings] == [Status.NEEDS_PERSON]
    assert outcome.findings[0].confidence == Confidence.LOW


def test_binary_and_non_utf8_files_are_harmless(tmp_path):
    tree = tree_of(tmp_path, {
        "LICENSE": b"\x00\x01Copyright (c) 2020 Nobody\x00",
        "NOTICE": "Copyright 2020 Soci\xe9t\xe9 G\xe9n\xe9rale\n".encode("latin-1"),
        "src/x.c": b"/* Copyright (c) 2020 \xff\xfe Org */\n",
    })
    outcome = ownership.detect(tree, "software")
    owner = answer(outcome, "owner_name")
    assert owner.value.startswith("Soci")
    assert all(e.path != "LICENSE" for f in outcome.findings for e in f.evidence if e.line)


def test_notices_are_the_lines_a_reading_of_every_line_finds():
    from dpg_registry.checks.tree import FileEntry

    def every_line(text, entry, max_lines=None, comments_only=False):
        found = []
        for number, line in enumerate(text.splitlines()[:max_lines], start=1):
            if comments_only and not ownership._COMMENT.match(line):
                continue
            holder = ownership.holder_of(line)
            if holder and not (ownership.is_licence_file(entry) and ownership._LICENCE_AUTHORS.search(holder)):
                found.append((holder, number, line))
        return found

    texts = [
        "// Copyright 2024 Example Health\r\n// (c) 2023 Other Org\r\nint copyright = 1;\n",
        "# Copyright (C) 2020-2024 Example Foundation © 2021 Example Lab\x0c# COPYRIGHT 2019 Upper Case Inc\n",
        "/*\u2028 * Copyright 2022 Separated Line Ltd\u2029 * &copy; 2021 Entity Org\x85*/\n",
        "x = '(c)' # (c) not a year\n" + "\n" * 70 + "# Copyright 2024 Too Far Down\n",
        "Copyright The Example Authors\n\nCopyright 2001 Free Software Foundation\ncopyright holders\n",
        "no notice here at all\n",
        "# Copyright 2020 Carriage Returns Only\r# (c) 2021 Next Line Org\r# the end",  # no "\n" after the marks
        "# \u0130stanbul \u00a9 2024 Turkish Org\n# COPYR\u0130GHT 2023 Dotted Org\n"
        "# copyr\u0131ght 2022 Dotless Org\n",
    ]
    for name in ("main.c", "LICENSE"):
        entry = FileEntry(name, 1, 0)
        for text in texts:
            for max_lines, comments_only in ((None, False), (60, True), (2, False)):
                found = [(notice.holder, notice.line, notice.text)
                         for notice in ownership._notices_in(text, entry, max_lines, comments_only)]
                assert found == every_line(text, entry, max_lines, comments_only), (name, text, max_lines)
    assert ownership._notices_in(texts[0], FileEntry("main.c", 1, 0), 60, True)[1].line == 2

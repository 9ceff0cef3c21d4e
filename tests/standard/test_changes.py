"""The changelog generated from the data files says what the Standard's own changelog says for 1.1.7."""

import re
from pathlib import Path

from dpg_registry.standard.changes import Change, compare, read_version, version_notes

PUBLISHED = Path(__file__).parent / "data" / "dpg-standard-changelog-1.1.7.md"


def published_entries() -> dict[int, str]:
    """The published 1.1.7 entries by their issue number."""
    entries = {}
    for line in PUBLISHED.read_text(encoding="utf-8").splitlines():
        found = re.search(r"\[#(\d+)\]", line)
        if line.startswith("- ") and found:
            entries[int(found.group(1))] = line
    return entries


def test_the_generated_changelog_from_1_1_6_to_1_1_7_matches_the_published_one():
    entries = published_entries()
    assert set(entries) == {186, 193, 200}
    old, new = read_version("1.1.6"), read_version("1.1.7")
    changes = compare(old, new)

    # #193: mandatory components of AI systems, under indicator 2, asked of AI models only.
    assert "AI Systems" in entries[193]
    ai = [c for c in changes if c.indicator == "2"]
    assert {(c.kind, c.subject, c.name, c.field) for c in ai} == {
        ("changed", "indicator", "", "requirement"),
        ("added", "question", "model_license", ""),
        ("added", "question", "training_data_license", ""),
    }
    requirement = next(c for c in ai if c.field == "requirement")
    assert "AI system" in requirement.after and "AI system" not in requirement.before
    questions = {q["key"]: q for q in next(i for i in new["indicators"] if i["code"] == "2")["questions"]}
    assert questions["model_license"]["categories"] == questions["training_data_license"]["categories"] == ["aimodel"]

    # #186: only fully open licences for content collections and data sets: the non-commercial ones go.
    assert "content collections and data sets" in entries[186]
    licences = [c for c in changes if c.subject == "licence"]
    assert {c.category for c in licences} == {"content", "data"}
    assert all(c.kind == "removed" and "-NC" in c.name for c in licences)
    for category in ("content", "data"):
        was = {entry["spdx"] for entry in old["approved_licenses"][category]}
        assert {c.name for c in licences if c.category == category} == {i for i in was if "-NC" in i}

    # #200: a specific example removed from indicator 8, nothing else there.
    assert "Indicator 8" in entries[200]
    eight = [c for c in changes if c.indicator == "8"]
    assert len(eight) == 1 and eight[0].field == "prompt"
    example = re.search(r", for example [^?]+", eight[0].before)
    assert example and eight[0].before.replace(example.group(0), "") == eight[0].after

    assert len(changes) == len(ai) + len(licences) + len(eight)  # and nothing the changelog does not mention


def test_a_change_and_its_reverse_mirror_each_other():
    old, new = read_version("1.1.6"), read_version("1.1.7")
    flip = {"added": "removed", "removed": "added", "changed": "changed"}
    forward = {(flip[c.kind], c.subject, c.indicator, c.name, c.category, c.field, repr(c.after), repr(c.before))
               for c in compare(old, new)}
    backward = {(c.kind, c.subject, c.indicator, c.name, c.category, c.field, repr(c.before), repr(c.after))
                for c in compare(new, old)}
    assert forward == backward
    assert compare(new, new) == []


def test_an_added_indicator_is_reported_once_with_its_title():
    old = read_version("1.1.7")
    new = {**old, "indicators": [*old["indicators"], {"code": "10", "title": "Sustainability", "requirement": "r",
                                                      "questions": [{"key": "q", "prompt": "p"}]}]}
    assert compare(old, new) == [Change("added", "indicator", "10", after="Sustainability")]


def test_notes_are_read_from_the_versions_file_and_none_without_one():
    assert any("non-commercial" in note for note in version_notes("1.1.6"))
    assert version_notes("0.9") == []

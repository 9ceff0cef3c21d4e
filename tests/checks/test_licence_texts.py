"""The vendored SPDX licence texts and the comparison of a file's words with them."""

from functools import cache

import pytest

from dpg_registry.checks.detectors.licence import texts
from dpg_registry.checks.standard import CATEGORIES, approved_licences


@cache
def data() -> dict:
    return texts.load(texts.TEXTS_FILE)


@cache
def text(spdx_id: str) -> str:
    return next(record["text"] for record in data()["licences"] if record["id"] == spdx_id)


def test_the_data_set_is_small_and_says_where_it_comes_from():
    index = texts.load(texts.INDEX_FILE)
    assert sum(path.stat().st_size for path in (texts.TEXTS_FILE, texts.INDEX_FILE, texts.WORDS_FILE)) < 2_500_000
    assert texts.INDEX_FILE.stat().st_size < 100_000  # what every check reads when it starts
    for vendored in (data(), index):
        assert vendored["source"].startswith("npm spdx-license-list@6.12.0")
        assert vendored["source_licence"] == "CC0-1.0"
    assert index["normaliser"] == texts.NORMALISER_VERSION
    assert [r["id"] for r in index["licences"]] == [r["id"] for r in data()["licences"]]
    readme = (texts.DATA / "README.md").read_text(encoding="utf-8")
    assert "spdx-license-list" in readme and "6.12.0" in readme and "CC0-1.0" in readme
    assert "scripts/vendor_licence_texts.py" in readme


def test_the_index_and_the_words_are_made_from_the_texts():
    # What the detector reads instead of the texts must be what normalising the texts gives.
    index = texts.load(texts.INDEX_FILE)["licences"]
    words = texts.Words(texts.WORDS_FILE)
    normalised = {record["id"]: texts.normalise_words(record["text"]) for record in data()["licences"]}
    rare = texts.signatures(normalised)
    for entry, record in zip(index, data()["licences"], strict=True):
        assert (entry["id"], entry["name"], entry["same_text"]) == (record["id"], record["name"], record["same_text"])
        assert words.of(*entry["words_at"]) == " ".join(normalised[record["id"]])
        assert entry.get("optional_from") == texts.optional_from(record["text"])
        assert entry["signature"] == rare[record["id"]]


def test_the_data_set_holds_every_approved_licence_and_the_common_deprecated_ids():
    ids = [spdx_id for record in data()["licences"] for spdx_id in (record["id"], *record["same_text"])]
    assert len(ids) == len(set(ids)) > 600
    approved = set().union(*(approved_licences(category) for category in CATEGORIES))
    assert approved - set(ids) == set()
    assert {"GPL-2.0", "GPL-3.0", "LGPL-2.1", "LGPL-3.0", "AGPL-3.0", "GPL-2.0+", "wxWindows"} <= set(ids)


def test_the_lgpl_3_text_is_the_lgpl_alone():
    lesser = next(record for record in data()["licences"] if record["id"] == "LGPL-3.0-only")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lesser["text"]
    assert "GNU GENERAL PUBLIC LICENSE\nVersion 3" not in lesser["text"]


def test_every_text_is_told_by_its_own_words():
    corpus = texts.corpus()
    wrong = {}
    for licence in corpus.texts:
        found = corpus.match("Copyright (c) 2024 Example Foundation\n\n" + text(licence.spdx_id))
        if [match.spdx_id for match in found] != [licence.spdx_id]:
            wrong[licence.spdx_id] = [match.spdx_id for match in found]
    assert wrong == {}


def test_a_corpus_can_be_made_from_the_texts_alone():
    chosen = {"MIT", "ISC", "X11", "Apache-2.0", "ECL-2.0"}
    records = [record for record in data()["licences"] if record["id"] in chosen]
    corpus = texts.from_texts(records)
    assert [match.spdx_id for match in corpus.match(text("X11"))] == ["X11"]
    assert corpus.by_id["Apache-2.0"].required < corpus.by_id["Apache-2.0"].sequences  # the appendix is optional


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Copyright (c) 2020 Jane Doe\nPermission is granted.", ["permission", "is", "granted"]),
        ("Copyright The Example Authors\n© 2021 Foo\n(C) 1999 Bar\nAll rights reserved.\nFree.", ["free"]),
        ("Neither the name of <ORGANIZATION> nor [fullname] nor {year} nor ${owner}", ["neither", "the", "name",
                                                                                      "of", "nor", "nor", "nor"]),
        ("1. Redistributions\n  (a) must\n* retain\n## Licence", ["redistributions", "must", "retain", "license"]),
        ("See [the licence](https://example.org/x) and <https://fsf.org/>.", ["see", "the", "license", "and"]),
        ("the above\ncopyright notice", ["the", "above", "copyright", "notice"]),
    ],
)
def test_normalised_words(text, words):
    assert texts.normalise_words(text) == words


def test_a_partial_text_is_not_a_match():
    mit = text("MIT")
    assert texts.corpus().match(mit[: len(mit) // 3]) == []
    assert texts.corpus().match("") == []


def test_a_changed_text_matches_with_lower_coverage():
    changed = text("BSD-3-Clause").replace(
        "Redistribution and use in source and binary forms", "Use and sharing of this work in any form")
    changed = changed.replace("PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES", "")
    [match] = texts.corpus().match(changed)
    assert match.spdx_id == "BSD-3-Clause"
    assert 0.7 < match.coverage < 0.95


def test_each_texts_sequences_and_required_sequences_are_those_of_its_words():
    appendices = 0
    for licence in texts.corpus().texts:
        words = (licence._words() if callable(licence._words) else licence._words).split()
        assert licence.sequences == texts.word_sequences(words)
        cut = licence._optional_from
        appendices += bool(cut)
        assert licence.required == (texts.word_sequences(words[:cut]) if cut else licence.sequences), licence.spdx_id
    assert appendices >= 5  # the GNU texts' "How to apply" appendices, among others

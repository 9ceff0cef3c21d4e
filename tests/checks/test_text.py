"""The reading helpers the detectors share: lines that match a pattern, and names that match globs."""

import fnmatch
import re

from dpg_registry.checks.text import Globs, lines_matching
from dpg_registry.checks.tree import FileEntry

README = "# Example\n\nHL7\nFHIR resources\n## Licence\nReleased under the MIT licence.\n"


def test_lines_are_matched_one_by_one_whatever_the_pattern():
    assert [line.number for line in lines_matching(README, re.compile(r"\bMIT\b"))] == [6]
    assert [line.number for line in lines_matching(README, re.compile(r"^## "))] == [5]  # anchored to the line
    assert [line.number for line in lines_matching(README, re.compile(r"licence\.$"))] == [6]
    # The next line does not count against a negative look-ahead: "HL7" alone on its line is HL7 v2.
    assert [line.number for line in lines_matching(README, re.compile(r"\bHL7\b(?!\s*FHIR)"))] == [3]
    assert lines_matching(README, re.compile(r"\bGPL\b")) == []
    assert lines_matching(README, re.compile(r"Example\s+HL7")) == []  # never across lines
    # Word edges still count, line by line: "MIT" inside "SUBMITTED" is no MIT.
    assert [line.number for line in lines_matching("SUBMITTED\nunder MIT", re.compile(r"\bMIT\b"))] == [2]
    assert lines_matching("SUBMITTED forms", re.compile(r"\bMIT\b|\bGDPR\b")) == []


def test_lines_are_numbered_right_after_letters_of_several_bytes_and_every_kind_of_line_break():
    text = "ééé ü\nMIT\u2028x MIT\r\nSUBMITTED\x85日本 MIT\x0b\u2029MIT\r\rSUBMIT MIT"
    for pattern in (re.compile(r"\bMIT\b"), re.compile(r"\bmit\b", re.IGNORECASE), re.compile("MIT")):
        assert [line.number for line in lines_matching(text, pattern, limit=100)] == _naive(text, pattern, 100)
    assert [line.number for line in lines_matching(text, re.compile(r"\bMIT\b"), limit=100)] == [2, 3, 5, 7, 9]
    assert [line.text for line in lines_matching(text, re.compile(r"\bMIT\b"), limit=2, max_lines=4)] == [
        "MIT", "x MIT"]


def test_globs_match_what_fnmatch_matches():
    patterns = ["org.springdoc:*", "fastapi", "graphene*", "@axe-core/*", "a?b[cd]", "*-firebase", "x*y*"]
    pattern = Globs(patterns)
    for name in ["org.springdoc:springdoc-openapi", "org.springdoc", "fastapi", "fastapi-users", "graphene",
                 "@axe-core/react", "axbc", "axbe", "FastAPI", "", "react-firebase", "firebase", "xy", "x-y-z",
                 "org.springdoc:\n", "fastapi\n"]:
        assert pattern.match(name) == any(fnmatch.fnmatchcase(name, glob) for glob in patterns), name
    assert not Globs([]).match("anything")
    assert Globs(["*"]).match("")


def _detector_patterns() -> list[re.Pattern]:
    """Every pattern the detectors keep at module level, in lists and dictionaries too."""
    import importlib
    import pkgutil

    from dpg_registry.checks import detectors
    from dpg_registry.checks.patterns import LazyPattern

    found = {}

    def collect(value, depth=0):
        if isinstance(value, re.Pattern | LazyPattern):
            found[(value.pattern, value.flags)] = value
        elif depth < 3 and isinstance(value, dict):
            for item in value.values():
                collect(item, depth + 1)
        elif depth < 3 and isinstance(value, list | tuple):
            for item in value:
                collect(item, depth + 1)

    for module in pkgutil.walk_packages(detectors.__path__, "dpg_registry.checks.detectors."):
        for value in vars(importlib.import_module(module.name)).values():
            collect(value)
    return list(found.values())


# Characters on which Python's engine and RE2 disagree: spaces and letters beyond ASCII, the Turkish i, the long
# s and the Kelvin sign that case-insensitive search folds, digits of other scripts, separators.
TRICKY = ["\xa0", "\x0b", "\x1c", "\x85", "\u2028", "\u3000", "\u0130", "\u0131", "\u017f", "\u212a", "é", "ß",
          "\u0661", "_", ".", "-", "'", "/", ":", " ", "\n", "\t", "®"]


def _naive(text: str, pattern: re.Pattern, limit: int) -> list[int]:
    found = [number for number, line in enumerate(text.splitlines(), start=1) if pattern.search(line)]
    return found[:limit]


def test_lines_matching_finds_the_lines_a_search_of_each_line_finds_whatever_the_characters():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    patterns = _detector_patterns()
    assert len(patterns) > 100
    words = sorted({word for pattern in patterns for word in re.findall(r"[A-Za-z]{2,}", pattern.pattern)})
    token = st.one_of(st.sampled_from(words), st.sampled_from(TRICKY), st.sampled_from(["CSV", "2.0", "3", "GPL"]))
    piece = st.lists(token, min_size=1, max_size=12).map("".join)
    text = st.lists(st.tuples(piece, st.sampled_from([" ", "\xa0", "\x0b", "\n", "İ", "ı", "K", "ſ", "é"])),
                    max_size=12).map(lambda parts: "".join(a + b for a, b in parts))

    @settings(max_examples=300, deadline=None)
    @given(text, st.sampled_from(patterns), st.sampled_from(["lower", "upper", "title", "same"]))
    def same_lines(body, pattern, case):
        body = body if case == "same" else getattr(body, case)()
        assert [line.number for line in lines_matching(body, pattern, limit=50)] == _naive(body, pattern, 50)

    same_lines()


def test_lines_matching_finds_the_same_lines_in_documents_written_with_other_spaces_and_letters():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    prose = "\n".join((root / name).read_text(encoding="utf-8")
                      for name in ("docs/check.md",))
    # Every space, or every i, s, k, e, 1 or letter, written another way: a document where the only match is so
    # written must not be passed over by the whole-text search.
    swaps = [(" ", "\xa0"), (" ", "\x0b"), (" ", "\u3000"), (" ", "\x85"), (" ", "\x1c"), ("i", "\u0130"),
             ("I", "\u0131"), ("s", "\u017f"), ("k", "\u212a"), ("e", "\u00e9"), ("1", "\u0661"), ("_", "\u00e9")]
    variants = [prose.replace(old, new) for old, new in swaps]
    variants += [prose.replace(" ", "\xa0").replace("i", "\u0130"), prose.upper(), prose.lower()]
    for pattern in _detector_patterns():
        for text in (prose, *variants):
            found = [line.number for line in lines_matching(text, pattern, limit=10_000)]
            assert found == _naive(text, pattern, 10_000), pattern.pattern


def test_the_fast_whole_text_search_is_used_for_most_patterns_and_never_misses():
    from dpg_registry.checks.text import _re2_filter, _whole_text_filter, found_in

    patterns = [pattern for pattern in _detector_patterns() if _whole_text_filter(pattern) is not None]
    for pattern in patterns:  # a loose form is compiled for Python's engine only when RE2 cannot search
        assert re.compile(_whole_text_filter(pattern).pattern, pattern.flags)
    fast = [pattern for pattern in patterns if _re2_filter(_whole_text_filter(pattern)) is not None]
    assert len(fast) > len(patterns) // 2
    export = re.compile(r"\bexport(?:s|ed)?\b\s\w+", re.IGNORECASE)
    whole = _whole_text_filter(export)
    assert _re2_filter(whole) is not None
    for text in ["EXPORT\xa0données", "export\x0bé", "export\u2028x", "\u0130mport", "exports\x85ß", "ex port x"]:
        assert found_in(whole, text) == bool(whole.search(text)), text
    # Python's case-insensitive "i" takes the Turkish dotted and dotless i, which RE2 does not: Python decides.
    assert found_in(whole, "EXPORT\xa0d\u0131") and found_in(re.compile("import", re.I), "\u0130MPORT")
    # What RE2 cannot say the same way is left to Python.
    for hard in [r"[^\w]x", r"(?<=a)b", r"(a)\1", r"a{,3}b", "caf\u00e9", r"(?i:import)s", r"(?s)a.b", "\u24b6"]:
        assert _re2_filter(re.compile(hard)) is None, hard
    # Symbols beyond ASCII that have no case are matched as themselves by both engines.
    trademark = re.compile("trade ?marks?|\u00ae|\u2122", re.IGNORECASE)
    assert _re2_filter(trademark) is not None
    for text in ["Example\u00ae", "TRADEMARK", "x\u2122", "\u00e9\u00c9 trade", "none"]:
        assert found_in(trademark, text) == bool(trademark.search(text)), text


def test_the_documents_found_for_many_patterns_at_once_hold_every_one_a_pattern_has_lines_in():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from dpg_registry.checks.detectors.practices import _MENTIONS
    from dpg_registry.checks.detectors.sdgs import _names
    from dpg_registry.checks.text import documents_matching

    patterns = _detector_patterns() + [pattern for _, pattern in _names().values()]  # and the goals' names
    assert all(any(pattern is other for other in patterns) for pattern in _MENTIONS)
    words = sorted({word for pattern in patterns for word in re.findall(r"[A-Za-z]{2,}", pattern.pattern)})
    token = st.one_of(st.sampled_from(words), st.sampled_from(TRICKY), st.sampled_from(["CSV", "2.0", "GPL"]))
    text = st.lists(st.tuples(st.lists(token, min_size=1, max_size=8).map("".join),
                              st.sampled_from([" ", "\xa0", "\n", "İ", "ı", "K", "ſ"])),
                    max_size=10).map(lambda parts: "".join(a + b for a, b in parts))

    def check(texts):
        docs = [(FileEntry(f"doc{number}.md", len(body), 0), body) for number, body in enumerate(texts)]
        for pattern, found in zip(patterns, documents_matching(docs, patterns), strict=True):
            assert [doc for doc in docs if doc in found] == found  # in the documents' order
            for doc in docs:
                if lines_matching(doc[1], pattern):
                    assert doc in found, (pattern.pattern, doc[1])
        return docs

    @settings(max_examples=200, deadline=None)
    @given(st.lists(text, min_size=1, max_size=4), st.sampled_from(["lower", "upper", "same"]))
    def every_document_with_lines(texts, case):
        check([body if case == "same" else getattr(body, case)() for body in texts])

    every_document_with_lines()
    docs = check(["We publish an OpenAPI description and GeoJSON", "nothing here", "SNOMED\xa0CT and FHIR", ""])
    found = dict(zip([pattern.pattern for pattern in _MENTIONS], documents_matching(docs, _MENTIONS), strict=True))
    assert found[r"\bGeoJSON\b"] == [docs[0]] and found[r"\bSNOMED\b"] == [docs[2]] and found[r"\bIATI\b"] == []



def test_a_negative_look_ahead_is_left_out_of_the_whole_text_search_and_still_refuses_lines():
    from dpg_registry.checks.text import _re2_filter, _whole_text_filter

    pattern = re.compile(r"\bHL7\b(?! ?FHIR)")
    assert _whole_text_filter(pattern).pattern == "HL7" and _re2_filter(_whole_text_filter(pattern)) is not None
    text = "HL7 FHIR only\nHL7 FHIR and HL7 v2\nHL7FHIR\nuses HL7\n"
    assert [line.number for line in lines_matching(text, pattern)] == _naive(text, pattern, 10) == [2, 4]
    # Where "(?!" could be part of a class or an escape, the pattern is left as it was: no whole-text search.
    assert _whole_text_filter(re.compile(r"[(?!x)]\d")) is None

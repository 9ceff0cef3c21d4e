"""The reading helpers the detectors share: lines that match a pattern, and names that match globs."""

import fnmatch
import re

from dpg_registry.checks.text import globs, lines_matching

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


def test_globs_match_what_fnmatch_matches():
    patterns = ["org.springdoc:*", "fastapi", "graphene*", "@axe-core/*", "a?b[cd]"]
    pattern = globs(patterns)
    for name in ["org.springdoc:springdoc-openapi", "org.springdoc", "fastapi", "fastapi-users", "graphene",
                 "@axe-core/react", "axbc", "axbe", "FastAPI", ""]:
        assert bool(pattern.match(name)) == any(fnmatch.fnmatchcase(name, glob) for glob in patterns), name
    assert globs([]).match("anything") is None

import pytest

from dpg_registry.standard.licences import InvalidLicence, licence_info, parse_expression


@pytest.mark.parametrize(
    ("written", "canonical", "ids"),
    [
        ("MIT", "MIT", ["MIT"]),
        ("OdbL-1.0", "ODbL-1.0", ["ODbL-1.0"]),
        ("GPL-3.0", "GPL-3.0", ["GPL-3.0"]),
        ("mit or apache-2.0", "MIT OR Apache-2.0", ["MIT", "Apache-2.0"]),
        (
            "(GPL-2.0-or-later WITH Classpath-exception-2.0) AND MIT",
            "(GPL-2.0-or-later WITH Classpath-exception-2.0) AND MIT",
            ["GPL-2.0-or-later", "MIT"],
        ),
    ],
)
def test_expressions_are_spelled_as_spdx_does(written, canonical, ids):
    assert parse_expression(written) == (canonical, ids)


@pytest.mark.parametrize("bad", ["", "FOO-1.0", "MIT AND", "MIT WITH Not-An-Exception", "LicenseRef-custom"])
def test_unknown_or_broken_expressions_are_refused(bad):
    with pytest.raises(InvalidLicence):
        parse_expression(bad)


def test_licence_facts_come_from_the_spdx_list():
    gpl = licence_info("GPL-3.0")
    assert (gpl.family, gpl.osi_approved, gpl.deprecated) == ("copyleft", True, True)
    assert licence_info("MIT").family == "permissive"
    assert licence_info("CC-BY-SA-4.0").family == "content"
    assert licence_info("ODbL-1.0").family == "data"

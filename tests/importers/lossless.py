"""Field-by-field check that an imported source record lost nothing.

Every leaf of the source (a string, number or boolean at a JSON path) must be found, after
the documented cleaning, at the place of the public record (or the private contact) the
table names for its path; an entry may be ``(place, transform)`` to compare only the part
of the value the registry keeps (the number of an ``"SDG9: ..."`` label), or the list of
parts it keeps (the URLs of a comma-separated list). A path the table does not know fails the check, so a new
source field cannot slip through unnoticed.
"""

import html
import re

from dpg_registry.registry.countries import country_code


def normalise(value) -> str:
    text = html.unescape(str(value)).replace("\u00b8", ",").replace("\u00a0", " ")
    return " ".join(text.split()).casefold()


def leaves(value, path="$"):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, f"{path}[{index}]")
    else:
        yield path, value


def generic(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def strings(value) -> list[str]:
    return [str(leaf) for _, leaf in leaves(value)]


def assert_lossless(source: dict, record: dict, expectations: dict, private: list[str]) -> None:
    problems = []
    for path, value in leaves(source):
        if (
            value in ("", None)
            or (isinstance(value, str) and not value.strip())
            or value == "\u00a0"
            or normalise(value) == ""
        ):
            continue
        pattern = generic(path)
        if pattern not in expectations:
            problems.append(f"{path}: no place known for this field")
            continue
        where = expectations[pattern]
        transform = None
        if isinstance(where, tuple):
            where, transform = where
        if where == "raw":
            continue
        if where == "private":
            candidates = private
        elif callable(where):
            candidates = strings(where(record))
        else:
            candidates = strings(record[where])
        wanted_values = transform(value) if transform else value
        if isinstance(value, str) and pattern.endswith("Countries[]"):
            wanted_values = country_code(value) or value.strip()
        if not isinstance(wanted_values, list):
            wanted_values = [wanted_values]
        for wanted in map(normalise, wanted_values):
            if not any(_contains(normalise(c), wanted) for c in candidates):
                problems.append(f"{path}: {value!r} not found in {str(where)[:60]}")
    assert not problems, "\n".join(problems[:20])


def _contains(text: str, wanted: str) -> bool:
    """Equal, or found as whole words (a fragment of a text the source had split on commas)."""
    return text == wanted or re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", text) is not None

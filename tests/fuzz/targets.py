"""What the importers and the checker's parsers promise for any input, as hypothesis properties.

Each target takes a drawn input and either accepts it or expects the documented error that names the
place: an importer raises ``ImportFailure`` naming the file and a JSON path; ``dpg check`` always
returns a report (an unreadable file becomes a finding naming it); a licence expression is parsed or
refused with ``InvalidLicence``. Anything else raised is a crash. The suite runs each target with a
few examples (tests/fuzz/test_*.py); bench/fuzz/run.py runs them with many more.
"""

import json
import tempfile
from pathlib import Path

import yaml
from hypothesis import strategies as st

from dpg_registry.checks.run import run_check
from dpg_registry.importers import dpga_api, dpga_legacy
from dpg_registry.importers.errors import ImportFailure
from dpg_registry.importers.run import read_path
from dpg_registry.standard import licences

ROOT = Path(__file__).resolve().parents[2]
LEGACY_DIR = ROOT / "dpg_registry" / "data" / "dpga-legacy"
API_SEED = Path(__file__).with_name("seeds") / "dpga-api.json"

# JSON values of every type, nested a little: what a foreign file may hold where a field is expected.
scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30) | st.sampled_from(["", " ", "Yes", "MIT", "SDG9: x", "&#184;", "GID00", "0", "-1"])
)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


def _paths(value, prefix=()):
    """Every place in a JSON document, as a tuple of keys and indexes."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _replace(document, path, value, delete: bool):
    if not path:
        return value
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return document


@st.composite
def mutated(draw, seed):
    """A copy of ``seed`` with one to three places replaced by any JSON value, or removed."""
    document = json.loads(json.dumps(seed))
    for _ in range(draw(st.integers(1, 3))):
        places = list(_paths(document))
        path = draw(st.sampled_from(places))
        document = _replace(document, path, draw(json_values), delete=bool(path) and draw(st.booleans()))
    return document


def _api_seed() -> list:
    return json.loads(API_SEED.read_text(encoding="utf-8"))


def _legacy_seed() -> dict:
    nominee = json.loads((LEGACY_DIR / "nominees" / "aam-digital.json").read_text(encoding="utf-8"))
    screening = json.loads((LEGACY_DIR / "digitalpublicgoods" / "aam-digital.json").read_text(encoding="utf-8"))
    return {"nominee": nominee, "screening": screening}


def _expect_import_failure_naming(error: ImportFailure, files: list[Path]) -> None:
    assert error.file in {str(file) for file in files}, f"the error names {error.file}, not an input file"
    assert error.json_path == "-" or error.json_path.startswith("$"), f"no JSON path in {error}"
    assert error.reason.strip(), "an error without a reason"


# Importers ---------------------------------------------------------------------------------------


def api_document(document) -> None:
    """A registry-API JSON file holding ``document`` is imported or refused with file and JSON path."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "dpgs.json"
        file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        try:
            records = dpga_api.read(file)
        except ImportFailure as error:
            _expect_import_failure_naming(error, [file])
            return
        assert all(record.slug and record.name for record in records)


def api_bytes(raw: bytes) -> None:
    """Any bytes in a file: detected and read, or refused with the file's name."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "dpgs.json"
        file.write_bytes(raw)
        try:
            read_path(file)
        except ImportFailure as error:
            _expect_import_failure_naming(error, [file])


def legacy_folder(parts: dict) -> None:
    """A legacy folder with one nominee, its screening answers and an exclusion table."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = []
        for sub, name, value in (("nominees", "fuzzed", parts["nominee"]),
                                 ("digitalpublicgoods", "fuzzed", parts["screening"]),
                                 ("excluded-nominees", "other", parts.get("excluded"))):
            if value is None:
                continue
            (root / sub).mkdir()
            file = root / sub / f"{name}.json"
            file.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
            files.append(file)
        readme = root / "excluded-nominees" / "README.md"
        files.append(readme)  # named when it is missing, too
        if "exclusions" in parts:
            readme.parent.mkdir(exist_ok=True)
            readme.write_text(parts["exclusions"], encoding="utf-8")
        try:
            records = dpga_legacy.read(root)
        except ImportFailure as error:
            _expect_import_failure_naming(error, files)
            return
        assert all(record.slug and record.name for record in records)


# The checker -------------------------------------------------------------------------------------

MANIFESTS = {
    "dpg.json": "json", "publiccode.yml": "yaml", "package.json": "json", "composer.json": "json",
    "pyproject.toml": "toml", "Pipfile": "toml", "Cargo.toml": "toml", "setup.cfg": "text", "setup.py": "text",
    "pom.xml": "xml", "App.csproj": "xml", "packages.config": "xml", "pubspec.yaml": "yaml",
    "requirements.txt": "text", "go.mod": "text", "build.gradle": "text", "Gemfile": "text", "Podfile": "text",
    "package-lock.json": "json", "yarn.lock": "text", "pnpm-lock.yaml": "yaml", "poetry.lock": "toml",
    "LICENSE": "text", "COPYING": "text", "README.md": "text", "CITATION.cff": "yaml", "datapackage.json": "json",
    ".github/workflows/ci.yml": "yaml", "docs/index.md": "text", "PRIVACY.md": "text", "NOTICE": "text",
}


def _toml(value) -> str:
    """A rough TOML rendering of a JSON value (any text will do: the point is to look like TOML)."""
    if not isinstance(value, dict):
        return f"value = {json.dumps(value)}\n"
    lines = []
    for key, item in value.items():
        if isinstance(item, dict):
            lines.append(f"[{json.dumps(key)}]")
            lines += [f"{json.dumps(k)} = {json.dumps(v)}" for k, v in item.items()]
        else:
            lines.append(f"{json.dumps(key)} = {json.dumps(item)}")
    return "\n".join(lines) + "\n"


def _xml(value, tag="project") -> str:
    if isinstance(value, dict):
        inner = "".join(_xml(item, "".join(c for c in key if c.isalnum()) or "x") for key, item in value.items())
    elif isinstance(value, list):
        inner = "".join(_xml(item, "dependency") for item in value)
    else:
        inner = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f"<{tag}>{inner}</{tag}>"


def render(kind: str, value) -> str:
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind == "yaml":
        return yaml.safe_dump(value, allow_unicode=True)
    if kind == "toml":
        return _toml(value)
    if kind == "xml":
        return _xml(value)
    return "\n".join(str(item) for item in (value if isinstance(value, list) else [value]))


@st.composite
def manifest_files(draw):
    """One to three files of a repository, each a known manifest holding structured or arbitrary text."""
    files = {}
    for name in draw(st.lists(st.sampled_from(sorted(MANIFESTS)), min_size=1, max_size=3, unique=True)):
        if draw(st.booleans()):
            files[name] = render(MANIFESTS[name], draw(json_values))
        else:
            files[name] = draw(st.text(max_size=300))
    return files


def check_tree(files: dict[str, str]):
    """``dpg check`` on a tree of these files returns a report that serialises to JSON."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        report = run_check(str(root), category="software")
        json.dumps(report.as_dict())
        assert set(report.indicators) >= {"1", "2", "3", "4", "5", "6", "7", "8"}
        return report


def licence_expression(text: str) -> None:
    """A licence expression is parsed to known identifiers or refused with InvalidLicence."""
    try:
        expression, ids = licences.parse_expression(text)
    except licences.InvalidLicence as error:
        assert str(error).strip()
        return
    assert expression and all(isinstance(spdx_id, str) and spdx_id for spdx_id in ids)
    licences.unapproved_ids(expression, {"MIT", "Apache-2.0"})


licence_texts = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(["MIT", "Apache-2.0", "GPL-3.0-or-later", "GPL-2.0+", "AND", "OR", "WITH",
                              "Classpath-exception-2.0", "(", ")", "LicenseRef-x", "DocumentRef-a:LicenseRef-b",
                              "+", "mit", "NOASSERTION", "NONE", " ", ",", "/"]), max_size=8).map(" ".join),
)


def licence_file_texts():
    """Licence files: a real licence's text cut, repeated or interleaved with noise."""
    real = [(ROOT / "LICENSE").read_text(encoding="utf-8"),
            (LEGACY_DIR / "LICENSE").read_text(encoding="utf-8")]
    return st.builds(
        lambda text, start, stop, noise: text[start:stop] + noise + text[:start],
        st.sampled_from(real), st.integers(0, 4000), st.integers(0, 12000), st.text(max_size=80),
    )


TARGETS = {
    "api-json": (st.one_of(mutated(_api_seed()), json_values), api_document),
    "api-bytes": (st.binary(max_size=200).map(lambda raw: b"[" + raw), api_bytes),
    "legacy-folder": (
        st.fixed_dictionaries(
            {"nominee": mutated(_legacy_seed()["nominee"]), "screening": mutated(_legacy_seed()["screening"])},
            optional={"excluded": mutated(_legacy_seed()["nominee"]), "exclusions": st.text(max_size=200)},
        ),
        legacy_folder,
    ),
    "check-manifests": (manifest_files(), check_tree),
    "licence-expression": (licence_texts, licence_expression),
    "licence-file": (licence_file_texts().map(lambda text: {"LICENSE": text}), check_tree),
}

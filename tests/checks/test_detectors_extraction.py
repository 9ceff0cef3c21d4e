"""Indicator 6: how data and content can be taken out — API descriptions, export features, open formats."""


from dpg_registry.checks.detectors import extraction
from dpg_registry.checks.model import Confidence, Status
from tests.checks.trees import tree_of


def answer(outcome):
    return next(f for f in outcome.findings if f.question_key == "non_pii_extraction_available")


def test_published_api_descriptions(tmp_path):
    tree = tree_of(tmp_path, {
        "openapi.yaml": "openapi: 3.1.0\ninfo: {title: x}\n",
        "server/schema.graphql": "type Query { cities: [String] }\n",
        "specs/service-v2.json": '{\n  "swagger": "2.0"\n}\n',
        "specs/other.json": '{"not": "a spec"}\n',
        "config/settings.yaml": "openapi: true\n",  # outside API folders, a look-alike key is not a spec
    })
    outcome = extraction.detect(tree, "software")
    assert answer(outcome).status == Status.MET and answer(outcome).value == "yes"
    assert answer(outcome).confidence == Confidence.MEDIUM
    specs = next(f for f in outcome.findings if f.explanation.startswith("Machine-readable"))
    assert "GraphQL" in specs.explanation and "OpenAPI" in specs.explanation
    assert {e.path for e in specs.evidence} == {"openapi.yaml", "server/schema.graphql", "specs/service-v2.json"}


def test_export_features_in_the_documentation(tmp_path):
    tree = tree_of(tmp_path, {
        "README.md": "# Survey tool\n\nResults can be exported to CSV or downloaded as GeoJSON.\n",
        "docs/import.md": "You can import JSON files from other tools.\n",
        "app/exporters/csv_export.py": "import csv\n",
    })
    outcome = extraction.detect(tree, "software")
    assert answer(outcome).value == "yes" and answer(outcome).confidence == Confidence.LOW
    mentions = next(f for f in outcome.findings if "documentation describes" in f.explanation)
    assert {(e.path, e.line) for e in mentions.evidence} == {("README.md", 3), ("docs/import.md", 1)}
    assert any("named for exporting" in f.explanation for f in outcome.findings)


def test_libraries_that_serve_an_api(tmp_path):
    tree = tree_of(tmp_path, {"pyproject.toml": '[project]\nname = "x"\ndependencies = ["fastapi>=0.110"]\n'})
    outcome = extraction.detect(tree, "software")
    library = next(f for f in outcome.findings if "libraries that serve" in f.explanation)
    assert "OpenAPI" in library.explanation and library.evidence[0].excerpt == "fastapi"
    assert answer(outcome).value == "yes"


def test_nothing_to_extract_with(tmp_path):
    outcome = extraction.detect(tree_of(tmp_path, {"README.md": "# Game\n", "main.c": "int main(){}\n"}), "software")
    assert answer(outcome).status == Status.NEEDS_PERSON and answer(outcome).value is None


def test_data_in_open_and_closed_formats(tmp_path):
    tree = tree_of(tmp_path, {
        "README.md": "# Rainfall\n", "datapackage.json": "{}", ".github/workflows/ci.yml": "on: push\n",
        "data/2023.csv": "day,mm\n", "data/2024.csv": "day,mm\n", "data/stations.geojson": "{}",
        "raw/survey.sav": b"$FL2\x00\x00", "raw/old.xls": b"\xd0\xcf\x11\xe0",
    })
    outcome = extraction.detect(tree, "data")
    formats = answer(outcome)
    assert formats.status == Status.MET and formats.value == "yes"
    # Project files (datapackage.json, CI settings) are not the data.
    assert formats.explanation == "The data files are in open formats: CSV 2, GeoJSON 1."
    closed = next(f for f in outcome.findings if "one vendor's software" in f.explanation)
    assert "SPSS 1" in closed.explanation and "Excel 97–2003 1" in closed.explanation


def test_data_published_elsewhere(tmp_path):
    outcome = extraction.detect(tree_of(tmp_path, {"README.md": "# Data\n\nDownload from our portal.\n"}), "data")
    assert answer(outcome).status == Status.NEEDS_PERSON


def test_content_formats(tmp_path):
    tree = tree_of(tmp_path, {"README.md": "# Book\n", "chapters/01.md": "# One\n", "images/map.svg": "<svg/>",
                              "source/cover.psd": b"8BPS\x00"})
    outcome = extraction.detect(tree, "content")
    assert "Markdown 1" in answer(outcome).explanation and "SVG 1" in answer(outcome).explanation
    assert any("Photoshop" in f.explanation for f in outcome.findings)


def test_model_weights(tmp_path):
    tree = tree_of(tmp_path, {"README.md": "# Model\n", "model.safetensors": b"\x00\x01", "train.py": "import x\n"})
    outcome = extraction.detect(tree, "aimodel")
    assert any("safetensors 1" in f.explanation for f in outcome.findings)


def test_binary_and_malformed_files_are_harmless(tmp_path):
    tree = tree_of(tmp_path, {"README.md": b"\x00export to CSV", "api/openapi.yaml": b"\x00\x00",
                              "package.json": "{oops", "docs/guide.md": "Export to \xff CSV\n".encode("latin-1")})
    outcome = extraction.detect(tree, "software")
    assert answer(outcome).value == "yes"  # the spec file's name is enough, and the latin-1 guide still reads

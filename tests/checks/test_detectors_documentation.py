"""Indicator 5: the README's sections, documentation sites, API documents, data dictionaries and model cards."""

import json

from dpg_registry.checks.detectors import documentation
from dpg_registry.checks.model import Confidence, Status
from dpg_registry.checks.text import headings
from tests.checks.trees import answer, tree_of

README = """# Clinic Records

An open medical record system for clinics with little connectivity, used in many districts.
It keeps patient visits, stock and reports in one place and works offline for weeks at a time.

## Getting started

```sh
# Install (this line is code, not a heading)
make run
```

Usage
-----

Open the browser at http://localhost:8000 and sign in with the account created above.

## Configuration

Set `DATABASE_URL`.

<h2 align="center">Contributing</h2>

See CONTRIBUTING.md.
"""


def test_headings_skip_code_and_front_matter():
    text = "---\ntitle: x\n---\n# Title\n```\n# not a heading\n```\nSection\n=======\n\nText\n- - -\n== AsciiDoc\n"
    assert [(h.level, h.title, h.line) for h in headings(text)] == [
        (1, "Title", 4), (1, "Section", 8), (2, "AsciiDoc", 13),
    ]


def test_readme_with_the_usual_sections(tmp_path):
    outcome = documentation.detect(tree_of(tmp_path, {"README.md": README}), "software")

    readme = next(f for f in outcome.findings if f.explanation.startswith("README.md has sections"))
    assert readme.status == Status.MET
    assert [e.line for e in readme.evidence] == [6, 13, 18, 22]
    available = answer(outcome, "documentation_available")
    assert available.status == Status.MET and available.value == "yes"


def test_short_readme_without_sections_needs_a_person(tmp_path):
    outcome = documentation.detect(tree_of(tmp_path, {"README": "clinic records\n"}), "software")
    available = answer(outcome, "documentation_available")
    assert available.status == Status.NEEDS_PERSON and available.value is None
    assert "short" in outcome.findings[1].explanation


def test_no_documentation_at_all(tmp_path):
    outcome = documentation.detect(tree_of(tmp_path, {"main.py": "print(1)\n"}), "software")
    available = answer(outcome, "documentation_available")
    assert available.status == Status.NOT_MET and available.confidence == Confidence.LOW


def test_documentation_site_and_folder(tmp_path):
    tree = tree_of(tmp_path, {
        "README.md": "# x\n", "mkdocs.yml": "site_name: X\nsite_url: https://docs.example.org/\n",
        "docs/index.md": "# Home\n", "docs/install.md": "# Install\n", "docs/conf.py": "project = 'x'\n",
        "src/conf.py": "DEBUG = True\n",
    })
    outcome = documentation.detect(tree, "software")
    site = next(f for f in outcome.findings if "documentation site" in f.explanation and f.question_key is None)
    assert "MkDocs" in site.explanation and "Sphinx" in site.explanation
    assert "src/conf.py" not in {e.path for e in site.evidence}
    assert answer(outcome, "documentation_urls").value == ["https://docs.example.org/"]
    assert answer(outcome, "documentation_available").value == "yes"


def test_documentation_urls_from_manifests_and_readme(tmp_path):
    tree = tree_of(tmp_path, {
        "pyproject.toml": '[project]\nname = "x"\n[project.urls]\nDocumentation = "https://x.readthedocs.io"\n'
                          'Source = "https://example.org/x"\n',
        "README.md": "# X\n\n[![Docs](https://readthedocs.org/projects/x/badge/)](https://x.readthedocs.io)\n"
                     "- [Documentation](https://example.org/manual)\n"
                     "- Built with [Nx Documentation](https://nx.dev)\n",
    })
    urls = answer(documentation.detect(tree, "software"), "documentation_urls")
    assert urls.value == ["https://x.readthedocs.io", "https://example.org/manual"]
    assert urls.confidence == Confidence.MEDIUM


def test_readme_links_alone_are_low_confidence(tmp_path):
    readme = "# X\n" + "".join(f"See [here](https://docs.example.org/page{i}).\n" for i in range(3))
    readme += "Install [Node](https://docs.nodejs.example/install).\n"
    urls = answer(documentation.detect(tree_of(tmp_path, {"README.md": readme}), "software"), "documentation_urls")
    assert urls.confidence == Confidence.LOW
    assert all(url.startswith("https://docs.example.org/") for url in urls.value)


def test_api_documents(tmp_path):
    tree = tree_of(tmp_path, {"README.md": "# x\n", "api/openapi.yaml": "openapi: 3.1.0\n",
                              "docs/api/endpoints.md": "# Endpoints\n"})
    outcome = documentation.detect(tree, "software")
    api = next(f for f in outcome.findings if f.explanation.startswith("The API is documented"))
    assert {e.path for e in api.evidence} == {"api/openapi.yaml", "docs/api/endpoints.md"}


def test_data_dictionary_for_data(tmp_path):
    package = json.dumps({"name": "cities", "resources": [{"path": "cities.csv", "schema": {"fields": []}}]})
    described = tree_of(tmp_path / "a", {"README.md": "# Cities\n\n## Fields\n", "datapackage.json": package})
    outcome = documentation.detect(described, "data")
    dictionary = next(f for f in outcome.findings if f.explanation.startswith("The data set is described"))
    assert dictionary.status == Status.MET
    assert {e.path for e in dictionary.evidence} == {"datapackage.json", "README.md"}

    bare = documentation.detect(tree_of(tmp_path / "b", {"cities.csv": "name\n"}), "data")
    assert any(f.status == Status.NEEDS_PERSON and "data dictionary" in f.explanation for f in bare.findings)
    # The signal is for data only.
    software = documentation.detect(described, "software")
    assert not any("data dictionary" in f.explanation for f in software.findings)


def test_model_card_for_ai_models(tmp_path):
    readme = ("---\nlicense: apache-2.0\npipeline_tag: text-classification\ndatasets:\n- imdb\n---\n"
              "# Sentiment model\n\n## Intended use\n\nReviews.\n\n## Limitations\n\nEnglish only.\n")
    outcome = documentation.detect(tree_of(tmp_path, {"README.md": readme}), "aimodel")
    card = next(f for f in outcome.findings if f.explanation.startswith("The model is documented"))
    assert card.status == Status.MET
    assert "a model card" in answer(outcome, "documentation_available").explanation
    assert [e.line for e in card.evidence] == [9, 13, 1]
    assert "pipeline_tag" in card.evidence[-1].excerpt


def test_broken_front_matter_and_binary_readme_are_harmless(tmp_path):
    outcome = documentation.detect(tree_of(tmp_path / "a", {"README.md": "---\nlicense: [\n---\n# M\n"}), "aimodel")
    assert any(f.status == Status.NEEDS_PERSON and "model card" in f.explanation for f in outcome.findings)
    outcome = documentation.detect(tree_of(tmp_path / "b", {"README.md": b"\x00\x89PNG"}), "software")
    assert answer(outcome, "documentation_available").status == Status.NEEDS_PERSON


def test_malformed_manifest_does_not_stop_the_detector(tmp_path):
    tree = tree_of(tmp_path, {"README.md": README, "package.json": "{not json", "Cargo.toml": "[package\n"})
    assert answer(documentation.detect(tree, "software"), "documentation_available").value == "yes"

"""Every text a reader sees has a French, Spanish and Arabic translation, and the catalogues are current."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dpg_registry.standard import translations as data

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "dpg_registry"
LANGUAGES = ("fr", "es", "ar")


def _catalogues(package: Path, language: str) -> dict[str, object]:
    """Each catalogue of the package (the shared one and one per app), by its folder."""
    found = {}
    for po_path in sorted(package.glob(f"**/locale/{language}/LC_MESSAGES/django.po")):
        with po_path.open("rb") as po:
            found[str(po_path.relative_to(package))] = read_po(po, locale=language)
    return found


def _ids(catalogue) -> set:
    return {message.id for message in catalogue if message.id}


def _untranslated(catalogue) -> list[str]:
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    """A copy of the package whose catalogues scripts/messages.sh gathered afresh."""
    package = tmp_path_factory.mktemp("messages") / "dpg_registry"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        ["bash", ROOT / "scripts" / "messages.sh", package],
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_ADMIN": str(Path(sys.executable).with_name("django-admin"))},
    )
    return package


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_text_is_translated(regenerated, language):
    catalogues = _catalogues(regenerated, language)
    assert catalogues, "no catalogue found"
    missing = {name: found for name, catalogue in catalogues.items() if (found := _untranslated(catalogue))}
    assert not missing, f"texts without a translation (run scripts/messages.sh, then translate): {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_catalogues_are_current(regenerated, language):
    """The committed catalogues hold exactly the texts the code marks: none missing, none left over."""
    fresh = {name: _ids(catalogue) for name, catalogue in _catalogues(regenerated, language).items()}
    committed = {name: _ids(catalogue) for name, catalogue in _catalogues(PACKAGE, language).items()}
    assert fresh.keys() == committed.keys()
    for name in fresh:
        new, gone = sorted(fresh[name] - committed[name]), sorted(committed[name] - fresh[name])
        assert not new and not gone, f"{name}: run scripts/messages.sh (new {new[:10]}, gone {gone[:10]})"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogues_compile_with_matching_placeholders(language):
    for po in PACKAGE.glob(f"**/locale/{language}/LC_MESSAGES/django.po"):
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", po], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_standard_data_is_translated(language):
    translations = data.catalogue(language)
    missing = sorted(text for text in data.source_texts() if not translations.get(text))
    assert not missing, f"{len(missing)} texts of the Standard's data lack a {language} translation: {missing[:10]}"
    stale = sorted(set(translations) - data.source_texts())
    assert not stale, f"translations/{language}.json has texts the data no longer has: {stale[:10]}"

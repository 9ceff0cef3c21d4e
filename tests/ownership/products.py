"""A listed product for claim tests: owned by Clinic Trust, with a website and one repository."""

import json
import subprocess

from dpg_registry.registry.models import Product
from dpg_registry.registry.records import OrganisationRole, ProductRecord, SourceRef
from dpg_registry.registry.services import import_products


def listed_product(repository: str = "https://example.org/clinic.git") -> Product:
    import_products(records=[ProductRecord(
        slug="clinic-records", name="Clinic Records", status="dpg", categories=["software"],
        sources=[SourceRef("test", "clinic-records", {"slug": "clinic-records"}, 1)],
        website="https://www.clinic.example/records",
        organisations=[OrganisationRole(name="Clinic Trust", role="owner", website="https://clinic.example")],
        repositories=[("code", repository)],
    )])
    return Product.objects.get(slug="clinic-records")


def git_repository(path, files: dict[str, str]):
    """A git repository at ``path`` holding ``files`` in one commit."""
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    git = ["git", "-C", str(path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git[:3] + ["init", "-q", "-b", "main"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "claim"], check=True)
    return path


def manifest(token: str) -> str:
    return json.dumps({"name": "Clinic Records", "claim": token})

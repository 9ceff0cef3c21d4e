"""``dpg snapshot DIR``: a static, self-contained copy of the public registry that opens from disk.

Pages are rendered by the same views as the live site, then their links are made relative so
the copy works from ``file://`` or any static server. The catalogue becomes one page listing
every product, with a search box that filters it in the browser (and the full list without
JavaScript). The dumps are written beside the pages.
"""

import json
import re
import shutil
from datetime import date
from pathlib import Path

from django.contrib.staticfiles import finders
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings

from dpg_registry.registry.badges import badge_svg
from dpg_registry.registry.export import public_record, record_lines
from dpg_registry.registry.models import Product
from dpg_registry.registry.search.text import DOCUMENT_RELATIONS, document_of
from dpg_registry.registry.selectors import public_products, questions_by_key
from dpg_registry.registry.views import pages as views

STATIC_FILES = ("css/site.css", "js/snapshot-search.js", "favicon.svg")
_LINK = re.compile(r'(href|src)="(/[^"]*)"')


def _relative(html: str, depth: int) -> str:
    up = "../" * depth

    def replace(match):
        attribute, target = match.groups()
        path, _, _query = target.partition("?")
        if _query or path.startswith(("/api/", "/open-data/", "/registry/feed")):
            path = "/registry/"  # searches and server features become the offline catalogue
        path = path.lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return f'{attribute}="{up}{path}"'

    return _LINK.sub(replace, html)


def _write(root: Path, relative: str, html: str) -> None:
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_relative(html, relative.count("/")), encoding="utf-8")


def _catalogue(products: list[Product], request) -> str:
    # The same folded fields, in the same order, as the live search's index: the offline search finds and
    # ranks what the live one does.
    index = []
    prefetch_related_objects(products, *DOCUMENT_RELATIONS)
    for product in products:
        document = document_of(product)
        index.append([product.slug, document.name, document.aliases, document.organisations, document.body])
    return render_to_string(
        "registry/snapshot_catalogue.html",
        {
            "products": products,
            "index_json": json.dumps(index, ensure_ascii=False).replace("</", "<\\/"),
            "made_on": date.today(),
        },
        request=request,
    )


# Plain static names (no content hashes): the snapshot ships its own copy of each file.
@override_settings(
    ALLOWED_HOSTS=["*"],
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
)
def write_snapshot(directory: Path) -> int:
    """Write the snapshot into ``directory`` (replacing an earlier one there); return the number of pages."""
    root = Path(directory)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    factory = RequestFactory(HTTP_HOST="localhost")

    def offline(path):
        request = factory.get(path)
        request.offline_copy = True  # templates leave out what needs the server: accounts, applications
        return request

    pages = 0
    _write(root, "index.html", views.home(offline("/")).content.decode())
    products = list(public_products())
    _write(root, "registry/index.html", _catalogue(products, offline("/registry/")))
    pages += 2
    questions = questions_by_key()
    records = []
    for product in products:  # read once with their public records above
        record = public_record(product)
        records.append(record)
        response = views.profile_page(offline(f"/registry/{product.slug}/"), product, record=record,
                                      questions=questions)
        _write(root, f"registry/{product.slug}/index.html", response.content.decode())
        (root / "registry" / product.slug / "badge.svg").write_text(badge_svg(product.status), encoding="utf-8")
        (root / "registry" / f"{product.slug}.json").write_text(json.dumps(record, ensure_ascii=False),
                                                                encoding="utf-8")
        pages += 1
    for fmt in ("json", "csv", "ndjson"):
        with (root / f"registry.{fmt}").open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(record_lines(records, fmt))
    for name in STATIC_FILES:
        target = root / "static" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(finders.find(name), target)
    (root / "README.txt").write_text(
        "Offline copy of the DPG Registry. Open index.html in a browser.\n"
        f"Made on {date.today().isoformat()} with {pages} pages.\n",
        encoding="utf-8",
    )
    return pages

"""Loading the bundled ecosystem data (``data/ecosystem-*.json``) through the services, all or nothing.

A loaded version is recorded and never loaded again, so what admins and focal points edit afterwards
stays as they left it; a new version of the data is a new file. Rows are matched on their natural keys
(slugs, a country, a title), so a new version updates what it names and adds what is new. A link to a
product the registry does not hold is left out and reported.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from dpg_registry.ecosystem import services
from dpg_registry.ecosystem.errors import SeedDataError
from dpg_registry.ecosystem.models import (
    Call,
    Collection,
    CollectionEntry,
    Community,
    Criterion,
    DpiComponent,
    Expert,
    FiftyInFiveCountry,
    FocusArea,
    Member,
    Pilot,
    Pledge,
    RoadmapActivity,
    SeedVersion,
)
from dpg_registry.registry.models import Product

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class SeedReport:
    loaded: list[str] = field(default_factory=list)
    already_loaded: list[str] = field(default_factory=list)
    written: int = 0
    missing_products: dict[str, list[str]] = field(default_factory=dict)

    def __str__(self) -> str:
        parts = []
        if self.loaded:
            parts.append(f"ecosystem data {', '.join(self.loaded)} loaded ({self.written} rows written)")
        if self.already_loaded:
            parts.append(f"ecosystem data {', '.join(self.already_loaded)} already loaded")
        for slug, paths in sorted(self.missing_products.items()):
            parts.append(f"product {slug!r} is not in the registry; left out at {', '.join(paths)}")
        return "; ".join(parts) or "no ecosystem data files"


class _Node:
    """A JSON object with its place in the file, for errors that name it."""

    def __init__(self, value, where: str, loader: "_Loader"):
        if not isinstance(value, dict):
            raise SeedDataError(f"{loader.path}: {where}: expected an object, got {type(value).__name__}")
        self.value, self.where, self.loader = value, where, loader

    def get(self, key: str, kind: type, default=None):
        if key not in self.value:
            if default is None:
                raise SeedDataError(f"{self.loader.path}: {self.where}: missing '{key}'")
            return default
        value = self.value[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise SeedDataError(f"{self.loader.path}: {self.where}.{key}: expected {kind.__name__}, "
                                f"got {type(value).__name__}")
        return value

    def date(self, key: str) -> date | None:
        text = self.get(key, str, "")
        try:
            return date.fromisoformat(text) if text else None
        except ValueError:
            raise SeedDataError(f"{self.loader.path}: {self.where}.{key}: {text!r} is not a date (YYYY-MM-DD)") \
                from None

    def items(self, key: str):
        return [_Node(item, f"{self.where}.{key}[{index}]", self.loader)
                for index, item in enumerate(self.get(key, list, []))]

    def products(self, key: str) -> list[Product]:
        slugs = self.get(key, list, [])
        found = {product.slug: product for product in Product.objects.filter(slug__in=slugs)}
        for index, slug in enumerate(slugs):
            if slug not in found:
                self.loader.report.missing_products.setdefault(slug, []).append(f"{self.where}.{key}[{index}]")
        return [found[slug] for slug in slugs if slug in found]

    def key(self, key: str, section: str) -> str:
        """A natural key (a slug, a country) that must appear once per section of the file."""
        value = self.get(key, str)
        if (section, value) in self.loader.seen:
            raise SeedDataError(f"{self.loader.path}: {self.where}.{key}: {value!r} appears twice in {section}")
        self.loader.seen.add((section, value))
        return value

    def product(self, key: str) -> Product | None:
        slug = self.get(key, str)
        product = Product.objects.filter(slug=slug).first()
        if product is None:
            self.loader.report.missing_products.setdefault(slug, []).append(f"{self.where}.{key}")
        return product

    def save(self, save, **arguments):
        """Call a service; its refusal becomes an error naming this place in the file."""
        try:
            result = save(by=None, **arguments)
        except services.EcosystemError as error:
            place = f"{self.where}.{error.field}" if error.field else self.where
            message = str(error).removeprefix(f"{error.field}: ") if error.field else str(error)
            raise SeedDataError(f"{self.loader.path}: {place}: {message}") from None
        self.loader.report.written += 1
        return result


class _Loader:
    def __init__(self, path: Path, report: SeedReport):
        self.path, self.report = path, report
        self.seen: set[tuple[str, str]] = set()

    def load(self, root: _Node) -> None:
        for node in root.items("communities"):
            self.community(node)
        for node in root.items("pilots"):
            slug = node.key("slug", "pilots")
            node.save(services.save_pilot, pilot=Pilot.objects.filter(slug=slug).first(), slug=slug,
                      title=node.get("title", str), programme=node.get("programme", str, ""),
                      country=node.get("country", str), partners=node.get("partners", list, []),
                      products=node.products("products"), goals=node.get("goals", str),
                      status=node.get("status", str), started_on=node.date("started_on"),
                      ended_on=node.date("ended_on"), learnings=node.get("learnings", str, ""),
                      documents=[d.value for d in node.items("documents")])
        for node in root.items("members"):
            self.member(node)
        for node in root.items("fifty_in_five"):
            self.fifty_in_five(node)
        for node in root.items("calls"):
            self.call(node)

    def community(self, node: _Node) -> None:
        slug = node.key("slug", "communities")
        community = node.save(services.save_community, community=Community.objects.filter(slug=slug).first(),
                              slug=slug, name=node.get("name", str), summary=node.get("summary", str, ""),
                              position=node.get("position", int, 0))
        for position, item in enumerate(node.items("focus_areas")):
            priority_area = item.get("priority_area", str)
            item.save(services.save_focus_area, community=community,
                      focus_area=FocusArea.objects.filter(community=community, priority_area=priority_area).first(),
                      priority_area=priority_area, focus=item.get("focus", str, ""), status=item.get("status", str),
                      position=position)
        for position, item in enumerate(node.items("experts")):
            organisation, role = item.get("organisation", str), item.get("role", str)
            item.save(services.save_expert, community=community,
                      expert=Expert.objects.filter(community=community, organisation=organisation, role=role).first(),
                      organisation=organisation, role=role, public_name=item.get("public_name", str, ""),
                      name_consented_on=item.date("name_consented_on"), position=position)
        for position, item in enumerate(node.items("criteria")):
            title = item.get("title", str)
            item.save(services.save_criterion, community=community,
                      criterion=Criterion.objects.filter(community=community, title=title).first(), title=title,
                      description=item.get("description", str, ""), position=position)
        for position, item in enumerate(node.items("collections")):
            self.collection(item, community, position)

    def collection(self, node: _Node, community: Community, position: int) -> None:
        slug = node.key("slug", f"the collections of {community.slug}")
        collection = node.save(services.save_collection, community=community,
                               collection=Collection.objects.filter(community=community, slug=slug).first(),
                               slug=slug, title=node.get("title", str), description=node.get("description", str, ""),
                               position=position)
        for entry_position, item in enumerate(node.items("entries")):
            product = item.product("product")
            if product is not None:
                item.save(services.save_collection_entry, collection=collection,
                          entry=CollectionEntry.objects.filter(collection=collection, product=product).first(),
                          product=product, reason=item.get("reason", str), position=entry_position)

    def member(self, node: _Node) -> None:
        slug = node.key("slug", "members")
        member = node.save(services.save_member, member=Member.objects.filter(slug=slug).first(), slug=slug,
                           name=node.get("name", str), kind=node.get("kind", str),
                           country=node.get("country", str, ""), website=node.get("website", str, ""),
                           on_board=node.get("on_board", bool, False))
        for item in node.items("activities"):
            title, year = item.get("title", str), item.get("year", int)
            item.save(services.save_activity, member=member,
                      activity=RoadmapActivity.objects.filter(member=member, title=title, year=year).first(),
                      objective=item.get("objective", str), title=title, year=year, status=item.get("status", str),
                      description=item.get("description", str, ""))

    def fifty_in_five(self, node: _Node) -> None:
        code = node.key("country", "fifty_in_five").upper()
        entry = node.save(services.save_fifty_in_five, entry=FiftyInFiveCountry.objects.filter(country=code).first(),
                          country=code, joined_on=node.date("joined_on"))
        for item in node.items("components"):
            kind = item.get("kind", str)
            item.save(services.save_component, country=entry,
                      component=DpiComponent.objects.filter(country=entry, kind=kind).first(), kind=kind,
                      stage=item.get("stage", str), description=item.get("description", str, ""),
                      products=item.products("products"))

    def call(self, node: _Node) -> None:
        slug = node.key("slug", "calls")
        call = node.save(services.save_call, call=Call.objects.filter(slug=slug).first(), slug=slug,
                         title=node.get("title", str), area=node.get("area", str),
                         description=node.get("description", str), status=node.get("status", str),
                         launched_on=node.date("launched_on"))
        for item in node.items("pledges"):
            stakeholder = item.get("stakeholder", str)
            item.save(services.save_pledge, call=call,
                      pledge=Pledge.objects.filter(call=call, stakeholder=stakeholder).first(),
                      stakeholder=stakeholder, commitment=item.get("commitment", str),
                      pledged_on=item.date("pledged_on"))


def _read(path: Path) -> tuple[dict, str]:
    raw = path.read_bytes()
    try:
        return json.loads(raw), hashlib.sha256(raw).hexdigest()
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SeedDataError(f"{path}: {error}") from None


@transaction.atomic
def load_ecosystem(*, data_dir: Path = DATA_DIR) -> SeedReport:
    """Load every ``ecosystem-*.json`` in ``data_dir`` not loaded yet, oldest version first."""
    report = SeedReport()
    for path in sorted(data_dir.glob("ecosystem-*.json")):
        data, digest = _read(path)
        loader = _Loader(path, report)
        root = _Node(data, "$", loader)
        version = root.get("version", str)
        loaded = SeedVersion.objects.filter(version=version).first()
        if loaded is not None and loaded.sha256 == digest:
            report.already_loaded.append(version)
            continue
        if loaded is not None:
            raise SeedDataError(f"{path}: version {version} is already loaded with different content; "
                                "loaded data does not change, new data is a new version in a new file")
        loader.load(root)
        SeedVersion.objects.create(version=version, sha256=digest)
        report.loaded.append(version)
    return report

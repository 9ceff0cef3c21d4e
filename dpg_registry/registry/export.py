"""Public export of the registry: JSON, NDJSON and CSV. Public fields only: no contacts, no raw records."""

import json
from collections.abc import Iterable, Iterator

from dpg_registry.lib.spreadsheets import csv_writer
from dpg_registry.registry.countries import places
from dpg_registry.registry.licence_refs import is_licence_ref
from dpg_registry.registry.models import Product

FORMATS = ("json", "csv", "ndjson")
CSV_COLUMNS = [
    "slug",
    "name",
    "status",
    "categories",
    "licenses",
    "sdgs",
    "sectors",
    "website",
    "description",
    "aliases",
    "repositories",
    "organisations",
    "development_countries",
    "deployment_countries",
    "listed_since",
    "expires_on",
    "status_reason",
    "status_changed_on",
    "dpga_id",
    "dpga_gid",
]
LIST_SEPARATOR = "; "


def public_record(product: Product) -> dict:
    countries = places((country.kind, country.code, country.source_name) for country in product.countries.all())
    indicators: dict[str, dict] = {}
    for answer in product.indicator_answers.all():
        indicators.setdefault(answer.indicator_code, {})[answer.question_key] = answer.value
    return {
        "slug": product.slug,
        "name": product.name,
        "aliases": product.aliases,
        "description": product.description,
        "website": product.website,
        "categories": [category.key for category in product.categories.all()],
        "status": product.status,
        "status_reason": product.status_reason,
        "status_changed_on": _date(product.status_changed_on),
        "listed_since": _date(product.listed_since),
        "expires_on": _date(product.expires_on),
        "standard_version": product.standard_version.version if product.standard_version else None,
        "licenses": [
            {
                "expression": statement.expression,
                "evidence_urls": statement.evidence_urls,
                "on_spdx_list": not is_licence_ref(statement.expression),
                "declared": statement.declared or None,
            }
            for statement in product.licence_statements.all()
        ],
        "sdgs": [
            {
                "number": link.sdg.number,
                "name": link.sdg.name,
                "relevance": link.relevance,
                "evidence_urls": link.evidence_urls,
            }
            for link in product.sdg_links.all()
        ],
        "sdg_relevance": product.sdg_relevance,
        "sectors": [sector.name for sector in product.sectors.all()],
        "repositories": [{"name": repo.name, "url": repo.url} for repo in product.repositories.all()],
        "organisations": [
            {"name": role.organisation.name, "website": role.website, "role": role.role}
            for role in product.organisation_roles.all()
        ],
        "development_countries": countries["developed"],
        "deployment_countries": countries["deployed"],
        "deployment_organisations": [
            {"kind": organisation.kind, "name": organisation.name}
            for organisation in product.deployment_organisations.all()
        ],
        "indicators": indicators,
        "awards": product.awards,
        "unlisted": product.unlisted,
        "dpga_id": product.dpga_id,
        "dpga_gid": product.dpga_gid,
    }


def _date(value) -> str | None:
    return value.isoformat() if value else None


def export_lines(products: Iterable[Product], fmt: str) -> Iterator[str]:
    """The export as a stream of text chunks, so a large registry never sits whole in memory."""
    return record_lines((public_record(product) for product in products), fmt)


def record_lines(records: Iterable[dict], fmt: str) -> Iterator[str]:
    """The export of public records (``public_record``'s shape) as a stream of text chunks."""
    if fmt == "ndjson":
        for record in records:
            yield json.dumps(record, ensure_ascii=False) + "\n"
    elif fmt == "json":
        yield "["
        for index, record in enumerate(records):
            yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
        yield "\n]\n"
    elif fmt == "csv":
        yield from _csv_lines(records)
    else:
        raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")


class _Line:
    def write(self, text: str) -> str:
        return text


def _csv_lines(records: Iterable[dict]) -> Iterator[str]:
    writer = csv_writer(_Line())
    yield writer.writerow(CSV_COLUMNS)
    for record in records:
        row = dict(record)
        row["categories"] = LIST_SEPARATOR.join(record["categories"])
        row["licenses"] = LIST_SEPARATOR.join(licence["expression"] for licence in record["licenses"])
        row["sdgs"] = LIST_SEPARATOR.join(str(sdg["number"]) for sdg in record["sdgs"])
        row["sectors"] = LIST_SEPARATOR.join(record["sectors"])
        row["aliases"] = LIST_SEPARATOR.join(record["aliases"])
        row["repositories"] = LIST_SEPARATOR.join(repo["url"] for repo in record["repositories"])
        row["organisations"] = LIST_SEPARATOR.join(f"{o['name']} ({o['role']})" for o in record["organisations"])
        for key in ("development_countries", "deployment_countries"):
            row[key] = LIST_SEPARATOR.join(country["code"] or country["name"] for country in record[key])
        yield writer.writerow([row[column] if row[column] is not None else "" for column in CSV_COLUMNS])

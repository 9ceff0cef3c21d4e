"""A page of products read flat: a statement or two for the page's ids, joined in Python.

A page of search results shows 20 products; building them as model instances with their prefetched relations
costs hundreds of objects a request. These reads give the same plain dicts (``export.public_record``'s shape, or
the short row a list of results shows) straight from the rows, in the order of the ids asked for.
"""

import json
from collections import defaultdict
from collections.abc import Iterator

from django.db import connection

from dpg_registry.registry.countries import places
from dpg_registry.registry.licence_refs import is_licence_ref
from dpg_registry.registry.models import Product

# Plain SQL, for the page's ids (``{ids}``), each row led by its product's id: the ORM
# would spend longer building these statements than the database takes to answer them.
PRODUCTS = (
    "SELECT p.id, p.slug, p.name, p.aliases, p.description, p.website, p.status, p.status_reason, "
    "p.status_changed_on, p.listed_since, p.expires_on, v.version, p.sdg_relevance, p.awards, p.unlisted, "
    "p.dpga_id, p.dpga_gid FROM registry_product p "
    "LEFT JOIN standard_standardversion v ON v.id = p.standard_version_id WHERE p.id IN ({ids})"
)
# What a list of results shows, in one statement (as ``RELATIONS_SQL``): the product's own row, then its categories'
# labels, licence expressions and SDG numbers, each row its part's number, the product, two sort keys and text.
LISTING_SQL = (
    "WITH page(id) AS (VALUES {ids}) "
    "SELECT 0, id, 0, 0, slug, name, status, description FROM registry_product WHERE id IN (SELECT id FROM page) "
    "UNION ALL SELECT 1, l.product_id, c.position, c.id, c.label, NULL, NULL, NULL FROM registry_product_categories l "
    "JOIN standard_category c ON c.id = l.category_id WHERE l.product_id IN (SELECT id FROM page) "
    "UNION ALL SELECT 2, product_id, position, id, expression, NULL, NULL, NULL FROM registry_productlicence "
    "WHERE product_id IN (SELECT id FROM page) "
    "UNION ALL SELECT 3, product_id, position, id, CAST(sdg_id AS TEXT), NULL, NULL, NULL FROM registry_productsdg "
    "WHERE product_id IN (SELECT id FROM page) "
    "ORDER BY 1, 2, 3, 4"
)
# Every relation a public record shows, in one statement: one round trip and one plan instead of nine (on
# PostgreSQL each statement cost its server about 0.3 ms; on SQLite, in the process, grouping them makes no
# measurable difference). Each part gives the same columns: the relation's number, the product, three sort keys
# (its own order: position and id, or kind, or name), and up to four values as text; the page's ids are given once.
_PART = "SELECT {relation}, {product}, {keys}, {values} FROM {source} WHERE {product} IN (SELECT id FROM page)"
_NO_TEXT = "CAST(NULL AS TEXT)"
RELATIONS = {
    "categories": ("l.product_id", "'', c.position, c.id", ["c.key"],
                   "registry_product_categories l JOIN standard_category c ON c.id = l.category_id"),
    "licences": ("product_id", "'', position, id", ["expression", "CAST(evidence_urls AS TEXT)", "declared"],
                 "registry_productlicence"),
    "sdgs": ("l.product_id", "'', l.position, l.id",
             ["CAST(l.sdg_id AS TEXT)", "g.name", "l.relevance", "CAST(l.evidence_urls AS TEXT)"],
             "registry_productsdg l JOIN standard_sdg g ON g.number = l.sdg_id"),
    "sectors": ("l.product_id", "s.name, 0, s.id", ["s.name"],
                "registry_product_sectors l JOIN standard_sector s ON s.id = l.sector_id"),
    "repositories": ("product_id", "'', position, id", ["name", "url"], "registry_repository"),
    "organisations": ("r.product_id", "'', r.position, r.id", ["o.name", "r.website", "r.role"],
                      "registry_productorganisation r JOIN registry_organisation o ON o.id = r.organisation_id"),
    "countries": ("product_id", "kind, position, id", ["kind", "code", "source_name"], "registry_productcountry"),
    "deployment": ("product_id", "kind, position, id", ["kind", "name"], "registry_deploymentorganisation"),
    "answers": ("product_id", "'', position, id", ["indicator_code", "question_key", "CAST(value AS TEXT)"],
                "registry_indicatoranswer"),
}
RELATIONS_SQL = (
    "WITH page(id) AS (VALUES {ids}) "
    + " UNION ALL ".join(
        _PART.format(relation=number, product=product, keys=keys, source=source,
                     values=", ".join(values + [_NO_TEXT] * (4 - len(values))))
        for number, (product, keys, values, source) in enumerate(RELATIONS.values())
    )
    + " ORDER BY 1, 2, 3, 4, 5"
)


def _relations(ids: list[int]) -> dict[str, dict[int, list]]:
    """Every relation's rows for the products ``ids``, by relation and product, each value list as the relation
    gives it (one value alone, else a list)."""
    with connection.cursor() as cursor:
        cursor.execute(RELATIONS_SQL.format(ids=", ".join(["(%s)"] * len(ids))), ids)
        rows = cursor.fetchall()
    names = list(RELATIONS)
    widths = [len(values) for _product, _keys, values, _source in RELATIONS.values()]
    found: dict[str, dict[int, list]] = {name: defaultdict(list) for name in names}
    for relation, product_id, _key, _position, _id, *values in rows:
        width = widths[relation]
        found[names[relation]][product_id].append(values[0] if width == 1 else values[:width])
    return found


def _rows(sql: str, ids: list[int]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql.format(ids=", ".join(["%s"] * len(ids))), ids)
        return cursor.fetchall()


def _json(text: str):
    """A JSON column's value; most lists of evidence, aliases and awards are empty, which needs no parser."""
    return [] if text == "[]" else json.loads(text)


def _date(value) -> str | None:
    """A date column's value as ISO text (SQLite may already give the text)."""
    if not value:
        return None
    return value if isinstance(value, str) else value.isoformat()


def public_records(ids: list[int]) -> list[dict]:
    """The public records of the products ``ids``, in that order (ids of no product are left out)."""
    if not ids:
        return []
    products = {row[0]: row for row in _rows(PRODUCTS, ids)}
    relations = _relations(ids)
    categories, licences, sdgs = relations["categories"], relations["licences"], relations["sdgs"]
    sectors, repositories, organisations = relations["sectors"], relations["repositories"], relations["organisations"]
    countries, deployment, answers = relations["countries"], relations["deployment"], relations["answers"]
    records = []
    for pk in ids:
        if pk not in products:
            continue
        (_, slug, name, aliases, description, website, status, status_reason, status_changed_on, listed_since,
         expires_on, version, sdg_relevance, awards, unlisted, dpga_id, dpga_gid) = products[pk]
        where = places(countries.get(pk, []))
        indicators: dict[str, dict] = {}
        for code, key, value in answers.get(pk, []):
            indicators.setdefault(code, {})[key] = _json(value)
        records.append({
            "slug": slug,
            "name": name,
            "aliases": _json(aliases),
            "description": description,
            "website": website,
            "categories": categories.get(pk, []),
            "status": status,
            "status_reason": status_reason,
            "status_changed_on": _date(status_changed_on),
            "listed_since": _date(listed_since),
            "expires_on": _date(expires_on),
            "standard_version": version,
            "licenses": [
                {
                    "expression": expression,
                    "evidence_urls": _json(evidence_urls),
                    "on_spdx_list": not is_licence_ref(expression),
                    "declared": declared or None,
                }
                for expression, evidence_urls, declared in licences.get(pk, [])
            ],
            "sdgs": [
                {"number": int(number), "name": goal, "relevance": relevance, "evidence_urls": _json(evidence_urls)}
                for number, goal, relevance, evidence_urls in sdgs.get(pk, [])
            ],
            "sdg_relevance": sdg_relevance,
            "sectors": sectors.get(pk, []),
            "repositories": [{"name": repo, "url": url} for repo, url in repositories.get(pk, [])],
            "organisations": [
                {"name": organisation, "website": site, "role": role}
                for organisation, site, role in organisations.get(pk, [])
            ],
            "development_countries": where["developed"],
            "deployment_countries": where["deployed"],
            "deployment_organisations": [{"kind": kind, "name": who} for kind, who in deployment.get(pk, [])],
            "indicators": indicators,
            "awards": _json(awards),
            "unlisted": _json(unlisted),
            "dpga_id": dpga_id,
            "dpga_gid": dpga_gid,
        })
    return records


def public_records_streamed(ids: list[int], at_once: int = 500) -> Iterator[dict]:
    """The public records of the products ``ids``, in that order, read ``at_once`` at a time (a filtered dump)."""
    for start in range(0, len(ids), at_once):
        yield from public_records(ids[start : start + at_once])


def listing_rows(ids: list[int]) -> list[dict]:
    """What a list of results shows of the products ``ids``, in that order: name, status, description, category
    labels, SDG numbers and licence expressions."""
    if not ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(LISTING_SQL.format(ids=", ".join(["(%s)"] * len(ids))), ids)
        rows = cursor.fetchall()
    products = {}
    parts: list[dict[int, list]] = [{}, defaultdict(list), defaultdict(list), defaultdict(list)]
    for part, pk, _position, _id, value, *product in rows:
        if part:
            parts[part][pk].append(value)
        else:
            products[pk] = (value, *product)
    _, categories, licences, sdgs = parts
    statuses = dict(Product.Status.choices)
    listed = []
    for pk in ids:
        if pk in products:
            slug, name, status, description = products[pk]
            listed.append({
                "id": pk,
                "slug": slug,
                "name": name,
                "status": status,
                "status_label": statuses.get(status, status),
                "description": description,
                "categories": categories.get(pk, []),
                "sdgs": [int(number) for number in sdgs.get(pk, [])],
                "licences": licences.get(pk, []),
            })
    return listed

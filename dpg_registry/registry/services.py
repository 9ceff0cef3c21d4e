"""Writes to the registry. Every import goes through ``import_products``: one transaction, all or nothing."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from dpg_registry.audit.services import record
from dpg_registry.lib.validation import FieldError, clean_urls, is_web_address, single_line
from dpg_registry.registry import cache as registry_cache
from dpg_registry.registry import facets, quality
from dpg_registry.registry.countries import country_code, country_name, region_of
from dpg_registry.registry.errors import RegistryDataError
from dpg_registry.registry.licence_refs import is_licence_ref
from dpg_registry.registry.models import (
    DeploymentOrganisation,
    IndicatorAnswer,
    Organisation,
    PrivateContact,
    Product,
    ProductCountry,
    ProductLicence,
    ProductOrganisation,
    ProductSDG,
    Repository,
    SourceRecord,
)
from dpg_registry.registry.records import Answer, CountryRef, LicenceStatement, ProductRecord, ReviewedProduct, SDGLink
from dpg_registry.registry.search import DOCUMENT_RELATIONS, index_products
from dpg_registry.registry.search.text import fold
from dpg_registry.registry.selectors import listing_fields
from dpg_registry.standard import licences
from dpg_registry.standard.models import SDG, Category, Sector
from dpg_registry.standard.services import ensure_licence


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    unmatched_countries: dict[str, list[str]] = field(default_factory=dict)
    # Websites and evidence links that are not http(s) addresses: kept as the source wrote them, shown as text.
    not_web_addresses: dict[str, list[str]] = field(default_factory=dict)
    # Values outside the reference lists that were kept (or blanks dropped), each naming file and JSON path.
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        counts = f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"
        return f"{counts} (dry run: nothing written)" if self.dry_run else counts


def import_products(*, records: list[ProductRecord], dry_run: bool = False,
                    listed_since: date | None = None) -> ImportReport:
    """Create or update the products of ``records``; unchanged source records are skipped.

    A DPG whose record gives no listing date is listed from ``listed_since`` (the import's date unless the
    command says otherwise), marked as a date of import.
    """
    listed_since = listed_since or timezone.localdate()
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        lookups = _Lookups()
        products = Product.objects.in_bulk([record.slug for record in records], field_name="slug")
        rows = _Rows()
        stored = _stored_sources(records)
        written = {}
        for record in records:
            _note_unmatched(report, record)
            product = products.get(record.slug)
            if product is not None and product.pk in written:
                rows.save()  # a second record of the same product replaces what the first one wrote
            if product is not None and _sources_unchanged(product, record, stored):
                report.unchanged += 1
                continue
            if product is None:
                product = products[record.slug] = Product(slug=record.slug)
                report.created += 1
            else:
                report.updated += 1
            _write_product(product, record, lookups, listed_since, rows, stored)
            written[product.pk] = product
        rows.save()
        changed = list(written.values())
        if changed:
            _after_write(changed)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _note_unmatched(report: ImportReport, record: ProductRecord) -> None:
    for country in record.developed_in + record.deployed_in:
        if not country.code:
            report.unmatched_countries.setdefault(country.source_name, []).append(record.slug)
    addresses = [record.website, *(organisation.website for organisation in record.organisations)]
    addresses += [url for statement in record.licences for url in statement.evidence_urls]
    addresses += [url for link in record.sdgs for url in link.evidence_urls]
    for answer in record.answers:
        if answer.question_key.endswith("_urls"):
            values = answer.value if isinstance(answer.value, list) else [answer.value]
            addresses += [value for value in values if isinstance(value, str)]
    for address in addresses:
        if address and not is_web_address(address):
            slugs = report.not_web_addresses.setdefault(address, [])
            if record.slug not in slugs:
                slugs.append(record.slug)


def _sources_unchanged(product: Product, record: ProductRecord, stored: dict) -> bool:
    return all(
        stored.get((source.source_format, source.source_key)) == (product.pk, source.sha256)
        for source in record.sources
    )


class _Lookups:
    """Rows every product refers to, read once per import."""

    def __init__(self):
        self.categories = {category.key: category for category in Category.objects.all()}
        self.sectors = {sector.name: sector for sector in Sector.objects.all()}
        self.sdgs = {sdg.number: sdg for sdg in SDG.objects.all()}
        if not self.sdgs or not self.categories:
            raise RegistryDataError("the DPG Standard is not loaded: run 'dpg standard load' first")
        self.licences = {}
        self.organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}

    def licence(self, spdx_id):
        if spdx_id not in self.licences:
            self.licences[spdx_id] = ensure_licence(spdx_id)
        return self.licences[spdx_id]


def _write_product(product: Product, record: ProductRecord, lookups: _Lookups, imported_on: date,
                   rows: "_Rows", stored: dict) -> None:
    dates = _listing_dates(product, record, imported_on)
    for name in (
        "name",
        "aliases",
        "description",
        "website",
        "status",
        "status_reason",
        "status_changed_on",
        "sdg_relevance",
        "dpga_id",
        "dpga_gid",
        "awards",
        "unlisted",
    ):
        setattr(product, name, getattr(record, name))
    product.listed_since, product.expires_on, product.listed_since_source = dates
    product.sort_name = fold(record.name).strip()
    new = product.pk is None
    product.save()
    categories = [_lookup(lookups.categories, key, "category", record) for key in record.categories]
    sectors = [_lookup(lookups.sectors, name, "sector", record) for name in record.sectors]
    statements, licences_linked = _licence_rows(product, record.licences, lookups)
    if new:  # nothing to replace: the links join the other rows
        rows.add(Product.categories.through(product=product, category=category) for category in categories)
        rows.add(Product.sectors.through(product=product, sector=sector) for sector in sectors)
        rows.add(Product.licences.through(product=product, licence=licence) for licence in licences_linked)
    else:
        product.categories.set(categories)
        product.sectors.set(sectors)
        product.licences.set(licences_linked)
        for related in (
            product.licence_statements,
            product.sdg_links,
            product.repositories,
            product.countries,
            product.deployment_organisations,
            product.indicator_answers,
            product.organisation_roles,
        ):
            related.all().delete()
    rows.add(statements)
    rows.add(_sdg_rows(product, record.sdgs, lookups, record))
    rows.add(_repository_rows(product, record.repositories))
    rows.add(country_rows(product, ProductCountry.Kind.DEVELOPED, record.developed_in))
    rows.add(country_rows(product, ProductCountry.Kind.DEPLOYED, record.deployed_in))
    rows.add(DeploymentOrganisation(product=product, kind=kind, name=name, position=position)
             for position, (kind, name) in enumerate(record.deployment_organisations))
    rows.add(_answer_rows(product, record.answers))
    _organisation_rows(product, record, lookups, rows)
    _write_sources(product, record, stored, rows)


class _Rows:
    """The rows an import adds to products' relations, written with one insert per table at the end."""

    def __init__(self):
        self.tables: dict[type, list] = {}

    def add(self, rows) -> None:
        for row in rows:
            self.tables.setdefault(type(row), []).append(row)

    def save(self) -> None:
        # Dicts keep their order: a product's organisation roles are written before their private contacts.
        for model, rows in self.tables.items():
            model.objects.bulk_create(rows)
        self.tables = {}


def _listing_dates(product: Product, record: ProductRecord, imported_on: date) -> tuple:
    """``(listed_since, expires_on, listed_since_source)`` for an imported record: the record's own date first;
    else the date this registry already gave the product (importing it again restarts no clock); else, for a
    DPG, ``imported_on``. A listing lasts ``DPG_LISTING_DAYS`` unless the record says when it expires."""
    days = timedelta(days=settings.DPG_LISTING_DAYS)
    if record.listed_since is not None:
        return record.listed_since, record.expires_on or record.listed_since + days, Product.DateSource.RECORD
    if product.listed_since is not None:
        return product.listed_since, product.expires_on, product.listed_since_source
    if record.status == Product.Status.DPG:
        return imported_on, imported_on + days, Product.DateSource.IMPORT
    return None, record.expires_on, ""


def _licence_rows(product: Product, statements: list[LicenceStatement], lookups: _Lookups) -> tuple[list, list]:
    """The product's licence statements (not saved) and the licences they name."""
    licence_ids = []
    rows = []
    for position, statement in enumerate(statements):
        if is_licence_ref(statement.expression):
            expression, ids = statement.expression, []  # not on the SPDX list: no licence row to link
        else:
            expression, ids = licences.parse_expression(statement.expression)
        licence_ids += [spdx_id for spdx_id in ids if spdx_id not in licence_ids]
        rows.append(
            ProductLicence(
                product=product,
                expression=expression,
                evidence_urls=statement.evidence_urls,
                declared=statement.declared,
                position=position,
            )
        )
    return rows, [lookups.licence(spdx_id) for spdx_id in licence_ids]


def _sdg_rows(product: Product, links: list[SDGLink], lookups: _Lookups, record) -> list[ProductSDG]:
    return [
        ProductSDG(
            product=product,
            sdg=_lookup(lookups.sdgs, link.number, "SDG", record),
            relevance=link.relevance,
            evidence_urls=link.evidence_urls,
            position=position,
        )
        for position, link in enumerate(links)
    ]


def _repository_rows(product: Product, repositories: list[tuple[str, str]]) -> list[Repository]:
    return [Repository(product=product, name=name, url=url, position=position)
            for position, (name, url) in enumerate(repositories)]


def _answer_rows(product: Product, answers: list[Answer]) -> list[IndicatorAnswer]:
    return [
        IndicatorAnswer(
            product=product,
            indicator_code=answer.indicator_code,
            question_key=answer.question_key,
            value=answer.value,
            position=position,
        )
        for position, answer in enumerate(answers)
    ]


def _lookup(table: dict, key, what: str, record):
    try:
        return table[key]
    except KeyError:
        raise RegistryDataError(f"{getattr(record, 'slug', record.name)}: unknown {what} {key!r}") from None


def country_rows(product: Product, kind: str, refs: list[CountryRef]) -> list[ProductCountry]:
    """The rows for the countries a product was developed or deployed in (not saved)."""
    return [
        ProductCountry(
            product=product,
            kind=kind,
            code=ref.code,
            region=region_of(ref.code),
            source_name=ref.source_name,
            position=position,
        )
        for position, ref in enumerate(refs)
    ]


def _organisation_rows(product: Product, record: ProductRecord, lookups: _Lookups, rows: _Rows) -> None:
    for position, role in enumerate(record.organisations):
        organisation = lookups.organisations.get(role.name)
        if organisation is None:
            organisation = lookups.organisations[role.name] = Organisation.objects.create(
                name=role.name, website=role.website)
        elif role.website and not organisation.website:
            organisation.website = role.website
            organisation.save(update_fields=["website"])
        link = ProductOrganisation(
            product=product, organisation=organisation, role=role.role, website=role.website, position=position)
        rows.add([link])
        if role.contact_name or role.contact_email:  # saved after the link, which both databases give its key
            rows.add([PrivateContact(product_organisation=link, name=role.contact_name, email=role.contact_email)])


def _write_sources(product: Product, record, stored: dict, rows: _Rows) -> None:
    """Keep the record's sources: a source already ``stored`` (by format and key) moves to ``product``, a new one
    is added to ``rows``; ``stored`` follows."""
    for source in record.sources:
        values = {"product": product, "data": source.data, "sha256": source.sha256}
        key = (source.source_format, source.source_key)
        if key in stored:
            SourceRecord.objects.filter(source_format=key[0], source_key=key[1]).update(
                **values, imported_at=timezone.now())
        else:
            rows.add([SourceRecord(source_format=key[0], source_key=key[1], **values)])
        stored[key] = (product.pk, source.sha256)


def _stored_sources(records) -> dict:
    """``(product id, sha256)`` of each stored source among ``records``' sources, by (format, key)."""
    keys = sorted({source.source_key for record in records for source in record.sources})
    stored = {}
    for start in range(0, len(keys), 500):  # within every database's limit on query parameters
        for fmt, key, product_id, sha256 in SourceRecord.objects.filter(source_key__in=keys[start:start + 500]) \
                .values_list("source_format", "source_key", "product_id", "sha256"):
            stored[fmt, key] = (product_id, sha256)
    return stored


def _after_write(products: list[Product]) -> None:
    # The products as written, read once with every relation the search index, facets and flags need.
    fresh = list(Product.objects.filter(pk__in=[product.pk for product in products])
                 .prefetch_related(*DOCUMENT_RELATIONS, *facets.RELATIONS, *quality.RELATIONS))
    index_products(fresh)
    facets.refresh(fresh)
    quality.refresh(fresh)
    registry_cache.bump()


def publish_reviewed(*, product: Product | None, reviewed: ReviewedProduct) -> Product:
    """List a product as a DPG after a positive review; keep what the review does not cover.

    Call inside the transaction of the decision. Aliases, awards, developing countries, deployment
    organisations and other roles come from earlier records and stay as they are.
    """
    lookups = _Lookups()
    if product is None:
        product = Product(slug=_free_slug(reviewed.name))
    product.name = reviewed.name
    product.sort_name = fold(reviewed.name).strip()
    product.description = reviewed.description
    product.website = reviewed.website
    product.sdg_relevance = reviewed.sdg_relevance
    product.status = Product.Status.DPG
    product.status_reason = ""
    product.status_changed_on = reviewed.decided_on
    if product.listed_since is None:
        product.listed_since, product.listed_since_source = reviewed.decided_on, Product.DateSource.REVIEW
    product.expires_on = reviewed.expires_on
    product.standard_version_id = reviewed.standard_version_id
    product.save()
    product.categories.set([_lookup(lookups.categories, key, "category", reviewed) for key in reviewed.categories])
    product.sectors.set([_lookup(lookups.sectors, name, "sector", reviewed) for name in reviewed.sectors])
    for related in (product.licence_statements, product.sdg_links, product.repositories, product.indicator_answers):
        related.all().delete()
    statements, licences_linked = _licence_rows(product, reviewed.licences, lookups)
    ProductLicence.objects.bulk_create(statements)
    product.licences.set(licences_linked)
    ProductSDG.objects.bulk_create(_sdg_rows(product, reviewed.sdgs, lookups, reviewed))
    Repository.objects.bulk_create(_repository_rows(product, reviewed.repositories))
    IndicatorAnswer.objects.bulk_create(_answer_rows(product, reviewed.answers))
    product.countries.filter(kind=ProductCountry.Kind.DEPLOYED).delete()
    ProductCountry.objects.bulk_create(country_rows(product, ProductCountry.Kind.DEPLOYED, reviewed.deployed_in))
    if reviewed.owner is not None:
        product.organisation_roles.filter(role=ProductOrganisation.Role.OWNER).delete()
        shift = product.organisation_roles.count()
        organisation, _ = Organisation.objects.get_or_create(name=reviewed.owner.name)
        ProductOrganisation.objects.create(
            product=product, organisation=organisation, role=ProductOrganisation.Role.OWNER,
            website=reviewed.owner.website, position=shift,
        )
    rows = _Rows()
    _write_sources(product, reviewed, _stored_sources([reviewed]), rows)
    rows.save()
    _after_write([product])
    return product


def change_status(*, product: Product, status: str, reason: str, on) -> None:
    """Take a product out of (or back into) a list: expiry, archiving, exclusion. Call inside a transaction."""
    product.status, product.status_reason, product.status_changed_on = status, reason, on
    product.save(update_fields=["status", "status_reason", "status_changed_on", "updated_at"])
    _after_write([product])


def edit_listing(*, product: Product, by, role: str, reason: str, name: str | None = None,
                 description: str | None = None, website: str | None = None, repositories: list[str] | None = None,
                 deployment_countries: list[str] | None = None,
                 deployment_organisations: list[str] | None = None) -> dict:
    """Correct a listing's public fields (``listing_fields``); a field given as None stays as it is. The audit event
    holds what changed, before and after, and why. Returns the changed fields with their old and new values
    (nothing changed: nothing written). Deployment countries are ISO codes; repositories https addresses."""
    wanted = clean_listing(name=name, description=description, website=website, repositories=repositories,
                             deployment_countries=deployment_countries,
                             deployment_organisations=deployment_organisations)
    reason = reason.strip()
    if not reason:
        raise FieldError("reason", gettext("say why the listing is changed: the reason is kept in the audit trail"))
    current = listing_fields(product)
    changed = {key: (current[key], value) for key, value in wanted.items() if current[key] != value}
    if not changed:
        return changed
    with transaction.atomic():
        _write_listing(product, {key: new for key, (_old, new) in changed.items()})
        record(actor=by, role=role, action="product.edit", subject=product,
               before={key: old for key, (old, _new) in changed.items()},
               after={key: new for key, (_old, new) in changed.items()}, reason=reason)
        _after_write([product])
    return changed


def clean_listing(**given) -> dict:
    """The listing fields given (not None), cleaned as ``edit_listing`` keeps them; a refused value raises
    ``FieldError`` naming its field."""
    values = {key: value for key, value in given.items() if value is not None}
    for key in ("name", "description", "website"):
        if key in values:
            values[key] = values[key].strip()
    if "description" in values:  # a browser sends a text area's line breaks as CR LF
        values["description"] = values["description"].replace("\r\n", "\n").replace("\r", "\n")
    if "name" in values:
        if not values["name"]:
            raise FieldError("name", gettext("a listing needs a name"))
        single_line(values["name"], "name")
    if values.get("website"):
        values["website"] = clean_urls([single_line(values["website"], "website")], "website")[0]
    if "repositories" in values:
        values["repositories"] = clean_urls(values["repositories"], "repositories", repository=True)
    if "deployment_countries" in values:
        codes = []
        for given in filter(None, (value.strip() for value in values["deployment_countries"])):
            if country_code(given.upper()) != given.upper():
                raise FieldError("deployment_countries", gettext("%(country)s is not a country this registry knows")
                                 % {"country": repr(given)})
            codes.append(given.upper())
        values["deployment_countries"] = list(dict.fromkeys(codes))
    if "deployment_organisations" in values:
        names = [single_line(name.strip(), "deployment_organisations") for name in values["deployment_organisations"]]
        values["deployment_organisations"] = list(dict.fromkeys(name for name in names if name))
    return values


def _write_listing(product: Product, new: dict) -> None:
    texts = [key for key in ("name", "description", "website") if key in new]
    for key in texts:
        setattr(product, key, new[key])
    product.sort_name = fold(product.name).strip()
    product.save(update_fields=[*texts, "sort_name", "updated_at"])
    if "repositories" in new:
        names = dict(product.repositories.values_list("url", "name"))
        product.repositories.all().delete()
        Repository.objects.bulk_create(_repository_rows(
            product, [(names.get(url) or url.rstrip("/").rsplit("/", 1)[-1], url) for url in new["repositories"]]))
    if "deployment_countries" in new:
        product.countries.filter(kind=ProductCountry.Kind.DEPLOYED).delete()
        refs = [CountryRef(country_name(code), code) for code in new["deployment_countries"]]
        ProductCountry.objects.bulk_create(country_rows(product, ProductCountry.Kind.DEPLOYED, refs))
    if "deployment_organisations" in new:
        kinds = dict(product.deployment_organisations.values_list("name", "kind"))
        product.deployment_organisations.all().delete()
        DeploymentOrganisation.objects.bulk_create(
            DeploymentOrganisation(product=product, name=name, position=position,
                                   kind=kinds.get(name, DeploymentOrganisation.Kind.OTHER))
            for position, name in enumerate(new["deployment_organisations"]))


def _free_slug(name: str) -> str:
    base = slugify(name)[:100] or "product"
    slug, number = base, 2
    while Product.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug

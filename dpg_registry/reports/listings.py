"""Which products were listed as DPGs at the end of a year, what they are, and how the list grew.

A product's listing date is its ``listed_since``: the date of the review's decision, the date an imported record
gave, or, for a DPG imported without one (the DPG Alliance's records give none), the date of its import. The
report counts import dates like the others and says how many there are: they tell the registry's own history,
not when a review found the product a DPG. A product that left the list (expired, archived, excluded) was
listed until its ``status_changed_on``; one whose status says it left without a date is not counted.
Categories, SDGs, licences and countries are read as they are now: the registry keeps no history of them.
"""

from datetime import UTC, date, datetime

from django.db.models import Count, Min, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dpg_registry.lib.names import country_name
from dpg_registry.registry.countries import region_names
from dpg_registry.registry.models import Product, ProductCountry, ProductSDG
from dpg_registry.reports.tables import Table
from dpg_registry.standard.models import SDG, Category, Licence
from dpg_registry.standard.translations import translate

DPG = Product.Status.DPG
FAMILY_LABELS = {
    Licence.Family.PERMISSIVE: _("Permissive"), Licence.Family.COPYLEFT: _("Copyleft"),
    Licence.Family.CONTENT: _("Content"), Licence.Family.DATA: _("Data"),
}


def year_start(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=UTC)


def _listed_by_end_of(year: int) -> Q:
    return Q(listed_since__lte=date(year, 12, 31))


def listed_during(year: int) -> Q:
    return Q(listed_since__year=year)


def imported_during(year: int) -> Q:
    """Listed during ``year`` by the date of an import, not of a review."""
    return listed_during(year) & Q(listed_since_source=Product.DateSource.IMPORT)


def listed_at_end_of(year: int) -> Q:
    return _listed_by_end_of(year) & (Q(status=DPG) | Q(status_changed_on__gt=date(year, 12, 31)))


def first_year() -> int | None:
    """The year of the registry's first listing, or None when it has none."""
    first = Product.objects.aggregate(first=Min("listed_since"))["first"]
    return first.year if first is not None else None


def listed_products(year: int):
    return Product.objects.filter(listed_at_end_of(year))


def by_category(year: int) -> Table:
    counts = dict(
        Product.categories.through.objects.filter(product__in=listed_products(year))
        .values_list("category_id").annotate(total=Count("product_id")).values_list("category_id", "total")
    )
    rows = tuple((translate(category.label), counts[category.pk]) for category in Category.objects.all()
                 if category.pk in counts)
    return Table("categories", gettext("DPGs by category"),
                 gettext("DPGs listed at the end of the year in each category"),
                 (gettext("Category"), gettext("DPGs")), rows, "bar")


def by_sdg(year: int) -> Table:
    counts = dict(
        ProductSDG.objects.filter(product__in=listed_products(year))
        .values_list("sdg_id").annotate(total=Count("product_id")).values_list("sdg_id", "total")
    )
    rows = tuple((f"{sdg.number}. {translate(sdg.name)}", counts.get(sdg.number, 0)) for sdg in SDG.objects.all())
    return Table("sdgs", gettext("DPGs by Sustainable Development Goal"),
                 gettext("DPGs listed at the end of the year that name each goal (a DPG may name several)"),
                 (gettext("Goal"), gettext("DPGs")), rows, "bar")


def by_licence_family(year: int) -> Table:
    counts = dict(
        Product.licences.through.objects.filter(product__in=listed_products(year))
        .values_list("licence__family").annotate(total=Count("product_id", distinct=True))
        .values_list("licence__family", "total")
    )
    rows = tuple((str(FAMILY_LABELS[family]), counts.get(family, 0)) for family in Licence.Family.values)
    return Table("licence-families", gettext("DPGs by licence family"),
                 gettext("DPGs listed at the end of the year with at least one licence of each family"),
                 (gettext("Licence family"), gettext("DPGs")), rows, "bar")


def _country_counts(year: int, kind: str, key: str) -> dict[str, int]:
    return dict(
        ProductCountry.objects.filter(product__in=listed_products(year), kind=kind).exclude(**{key: ""})
        .values_list(key).annotate(total=Count("product_id", distinct=True)).values_list(key, "total")
    )


def by_region(year: int) -> Table:
    counts = _country_counts(year, ProductCountry.Kind.DEPLOYED, "region")
    rows = tuple((country_name(code, name), counts.get(code, 0)) for code, name in region_names().items())
    return Table("regions", gettext("DPGs by region of deployment"),
                 gettext("DPGs listed at the end of the year deployed in at least one country of each UN M49 region"),
                 (gettext("Region"), gettext("DPGs")), rows, "bar")


def by_country(year: int, kind: str) -> Table:
    counts = _country_counts(year, kind, "code")
    rows = tuple(sorted(((country_name(code), code, total) for code, total in counts.items()),
                        key=lambda row: (-row[2], row[0])))
    columns = (gettext("Country"), gettext("ISO code"), gettext("DPGs"))
    if kind == ProductCountry.Kind.DEPLOYED:
        return Table("deployed-in", gettext("Countries DPGs are deployed in"),
                     gettext("DPGs listed at the end of the year deployed in each country, most first"), columns, rows,
                     "map")
    return Table("developed-in", gettext("Countries DPGs are developed in"),
                 gettext("DPGs listed at the end of the year developed in each country, most first"), columns, rows,
                 "map")


def growth(year: int) -> Table:
    """Each year from the first listing to ``year``: listed at its end, newly listed (and of those, how many by
    the date of their import, not of a review), and left the list."""
    rows = []
    for each in range(first_year() or year, year + 1):
        listed = Product.objects.filter(listed_at_end_of(each)).count()
        new = Product.objects.filter(listed_during(each)).count()
        imported = Product.objects.filter(imported_during(each)).count()
        left = Product.objects.filter(_listed_by_end_of(each), ~Q(status=DPG), status_changed_on__year=each).count()
        rows.append((each, listed, new, imported, left))
    return Table("growth", gettext("Growth of the registry"),
                 gettext("DPGs listed at the end of each year, listed during it (of which dated by their import into "
                         "this registry, not by a review), and taken out of the list during it"),
                 (gettext("Year"), gettext("Listed at year end"), gettext("Newly listed"),
                  gettext("of which import dates"), gettext("Left the list")),
                 tuple(rows), "line")

"""The ecosystem at the end of a year: communities, pathfinder pilots and the 50-in-5 campaign.

Communities, focus areas and collections carry no dates, so they are counted as they are now. Pilots count
from their start date and 50-in-5 countries from the day they joined; rows without a date are counted in
every year, as the registry cannot place them.
"""

from collections import Counter
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext

from dpg_registry.ecosystem import selectors
from dpg_registry.ecosystem.models import CollectionEntry, DpiComponent, FocusArea, MaturityAssessment
from dpg_registry.lib.names import country_name
from dpg_registry.reports.tables import Table


def _by_end_of(year: int, field: str) -> Q:
    return Q(**{f"{field}__lte": date(year, 12, 31)}) | Q(**{f"{field}__isnull": True})


def _pilots(year: int):
    return selectors.pilots().filter(_by_end_of(year, "started_on"))


def _fifty_in_five_countries(year: int):
    return selectors.fifty_in_five().filter(_by_end_of(year, "joined_on"))


def figures(year: int) -> Table:
    pilots, countries = _pilots(year), _fifty_in_five_countries(year)
    rows = (
        (gettext("Communities of Practice"), selectors.communities().count()),
        (gettext("Focus areas with their scoping complete"),
         FocusArea.objects.filter(status=FocusArea.Status.COMPLETE).count()),
        (gettext("DPGs recommended in a community's collection"),
         CollectionEntry.objects.values("product_id").distinct().count()),
        (gettext("Maturity assessments made by the end of the year"),
         MaturityAssessment.objects.filter(assessed_on__lte=date(year, 12, 31)).count()),
        (gettext("Pathfinder pilots"), pilots.count()),
        (gettext("Countries with a pathfinder pilot"), pilots.values("country").distinct().count()),
        (gettext("Countries in the 50-in-5 campaign"), countries.count()),
        (gettext("Parts of their digital public infrastructure recorded"),
         DpiComponent.objects.filter(country__in=countries).count()),
    )
    return Table("ecosystem", gettext("The ecosystem in figures"),
                 gettext("Communities, pilots and 50-in-5 countries at the end of the year (undated rows count in "
                         "every year)"), (gettext("Figure"), gettext("Number")), rows, "")


def pilots_by_country(year: int) -> Table:
    counts = Counter(_pilots(year).values_list("country", flat=True))
    rows = tuple(sorted(((country_name(code), total) for code, total in counts.items()),
                        key=lambda row: (-row[1], row[0])))
    return Table("pilots", gettext("Pathfinder pilots by country"),
                 gettext("Pilots started by the end of the year (or undated), per country"),
                 (gettext("Country"), gettext("Pilots")), rows, "bar")


def fifty_in_five_stages(year: int) -> Table:
    components = DpiComponent.objects.filter(country__in=_fifty_in_five_countries(year))
    counts = Counter(components.values_list("stage", flat=True))
    rows = tuple((str(label), counts.get(stage, 0)) for stage, label in DpiComponent.Stage.choices)
    return Table("fifty-in-five", gettext("50-in-5: digital public infrastructure by stage"),
                 gettext("Parts of 50-in-5 countries' digital public infrastructure at each stage, as recorded now"),
                 (gettext("Stage"), gettext("Parts")), rows, "bar")

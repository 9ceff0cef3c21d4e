""""Countries reached" counts UN member and observer states where a listed DPG is deployed, nothing else.

The expected number is counted here from the source files themselves: the legacy folder's DPGs (stage "DPG")
with their screening answers' deployment countries, then the API sample's DPGs, which replace a product of
the same name.
"""

import json
import re

from django.utils import timezone
from django.utils.text import slugify

from dpg_registry.registry.countries import country_code
from tests.conftest import API_SAMPLE, LEGACY_DIR

UN_STATES_FILE = LEGACY_DIR.parents[1] / "registry" / "data" / "un-states.json"
TERRITORIES = {"AQ", "BV", "HM", "GL", "PR", "HK", "RE", "NC", "GU"}


def deployments_from_the_sources() -> dict[str, set[str]]:
    """Each listed DPG's deployment countries as named by the source files, by product slug."""
    deployed = {}
    for nominee in sorted((LEGACY_DIR / "nominees").glob("*.json")):
        if json.loads(nominee.read_text(encoding="utf-8")).get("stage") != "DPG":
            continue
        screening = LEGACY_DIR / "digitalpublicgoods" / nominee.name
        answers = json.loads(screening.read_text(encoding="utf-8")) if screening.exists() else {}
        deployed[nominee.stem] = set(answers.get("locations", {}).get("deploymentCountries", []))
    for record in json.loads(API_SAMPLE.read_text(encoding="utf-8")):
        if record["stage"] == "DPG":
            deployed[slugify(record["name"])] = set(record.get("locations", {}).get("deploymentCountries", []))
    return deployed


def states_reached() -> tuple[set[str], set[str]]:
    data = json.loads(UN_STATES_FILE.read_text(encoding="utf-8"))
    states = set(data["members"]) | set(data["observers"])
    places = {country_code(name) for names in deployments_from_the_sources().values() for name in names} - {None}
    return places & states, places - states


def test_the_list_of_states_holds_the_193_members_and_2_observers():
    data = json.loads(UN_STATES_FILE.read_text(encoding="utf-8"))
    assert len(set(data["members"])) == 193 and set(data["observers"]) == {"PS", "VA"}
    assert not TERRITORIES & (set(data["members"]) | set(data["observers"]))


def test_the_home_page_counts_states_with_a_listed_dpg_deployed(client, registry):
    reached, territories = states_reached()
    assert territories, "the real data names territories too: the count must leave them out"
    page = client.get("/").content.decode()
    shown = int(re.search(r"<strong>(\d+)</strong> countries reached", page).group(1))
    assert shown == len(reached)
    assert "(UN member and observer states where a listed DPG is deployed)" in page
    assert f"{len(reached) + len(territories)} countries and territories have at least one DPG deployed" in page


def test_the_report_counts_the_same_way(client, registry):
    reached, _ = states_reached()
    page = client.get(f"/reports/{timezone.now().year}/").content.decode()
    assert re.search(rf"<strong>{len(reached)}</strong> countries with a DPG deployed", page)

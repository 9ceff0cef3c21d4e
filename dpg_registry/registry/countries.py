"""Country names as sources write them → ISO 3166-1 alpha-2 codes (pycountry + our alias list)."""

import json
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import pycountry

ALIASES_FILE = Path(__file__).resolve().parent / "data" / "country-aliases.json"


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split())


@cache
def _aliases() -> dict[str, str]:
    data = json.loads(ALIASES_FILE.read_text(encoding="utf-8"))
    return {_fold(name): code for name, code in data["aliases"].items()}


def country_code(name: str) -> str | None:
    """The alpha-2 code a country name means, or None when it names no known country."""
    folded = _fold(name)
    if not folded:
        return None
    alias = _aliases().get(folded)
    if alias:
        return alias
    try:
        return pycountry.countries.lookup(name.strip()).alpha_2
    except LookupError:
        return None


@lru_cache(maxsize=1024)  # the names never change; a page of records names a few hundred countries
def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name if country else code


def places(rows) -> dict[str, list[dict]]:
    """A record's ``developed`` and ``deployed`` countries, each ``{"code", "name"}``, from ``(kind, code,
    source_name)`` rows in their order. Two spellings of one country ("Scotland", "United Kingdom") are one country
    here; a name no code matched is kept as the source wrote it."""
    found: dict[str, list[dict]] = {"developed": [], "deployed": []}
    seen = set()
    for kind, code, source_name in rows:
        key = (kind, code or source_name)
        if key not in seen:
            seen.add(key)
            found[kind].append({"code": code or None, "name": country_name(code) if code else source_name})
    return found


@cache
def _regions() -> dict:
    return json.loads((ALIASES_FILE.parent / "regions.json").read_text(encoding="utf-8"))


def region_of(code: str) -> str:
    """The UN M49 region code (``"002"`` for Africa, ...) of a country, or ``""``."""
    return _regions()["countries"].get(code, "")


def region_names() -> dict[str, str]:
    return dict(_regions()["regions"])


@cache
def un_states() -> frozenset[str]:
    """The countries "countries reached" counts: the UN's member states and observer states (alpha-2 codes).

    ISO 3166-1 also codes dependent territories and uninhabited areas (Bouvet Island, Antarctica); a DPG
    deployed there is shown on maps but adds no country.
    """
    data = json.loads((ALIASES_FILE.parent / "un-states.json").read_text(encoding="utf-8"))
    return frozenset(data["members"] + data["observers"])

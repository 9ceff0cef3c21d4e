"""The load benchmark's mix of public pages: each kind's weight and the real URLs it is drawn from."""

import json
import re
from collections.abc import Callable


def public_pages(get_text: Callable[[str], str]) -> dict[str, tuple[float, list[str]]]:
    """Page kinds, each with its weight in the mix and the real URLs it is drawn from; ``get_text`` reads a page
    of the server under test (over HTTP, or through Django's test client)."""

    def get_json(path: str):
        return json.loads(get_text(path))

    products = [p["slug"] for p in get_json("/api/v1/products?status=dpg&limit=100")["results"]]
    products += [p["slug"] for p in get_json("/api/v1/products?status=nominee&limit=50")["results"]]
    communities = [c["slug"] for c in get_json("/api/v1/communities?limit=100")["results"]]
    countries = ["KE", "IN", "BR", "US", "DE", "SL", "ET", "TG"]
    years = sorted(set(re.findall(r'href="/reports/(\d{4})/"', get_text("/reports/"))))
    catalogue = [
        "/registry/", "/registry/?status=dpg", "/registry/?q=health", "/registry/?q=health&status=dpg&sdg=3",
        "/registry/?category=software&license_family=copyleft", "/registry/?country=KE&status=dpg",
        "/registry/?sdg=4&sort=recent", "/registry/?region=002&status=dpg", "/registry/?q=data&category=data",
        "/registry/?license=MIT&status=dpg", "/registry/?developed_in=IN", "/registry/?sector=health&sdg=3",
    ]
    return {
        "home": (8, ["/"]),
        "catalogue with filters": (20, catalogue),
        "profile": (20, [f"/registry/{slug}/" for slug in products]),
        "API list": (12, ["/api/v1/products?status=dpg", "/api/v1/products?q=health&limit=50",
                          "/api/v1/products?sdg=3&status=dpg", "/api/v1/facets?status=dpg", "/api/v1/facets?q=data"]),
        "API detail": (12, [f"/api/v1/products/{slug}" for slug in products]),
        "badge": (10, [f"/registry/{slug}/badge.svg" for slug in products]),
        "dump (filtered)": (2, ["/registry.csv?sdg=3&status=dpg", "/registry.json?country=KE",
                                "/registry.ndjson?q=health&status=dpg"]),
        "dump (whole registry)": (0.2, ["/registry.json", "/registry.csv", "/registry.ndjson"]),
        "community and ecosystem": (8, ["/communities/", *[f"/communities/{slug}/" for slug in communities],
                                        "/pathfinders/", "/members/", "/fifty-in-five/",
                                        *[f"/countries/{code}/" for code in countries]]),
        "report": (6, ["/reports/", *[f"/reports/{year}/" for year in years]]),
    }

"""Public ecosystem pages over HTTP: communities, collections with the maturity comparison, pilots, members,
50-in-5, calls, country pages, and maturity on product profiles."""

import re

import pytest


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_communities_list_their_focus_areas_in_a_table(client, eco):
    page = text(client.get("/communities/"))
    assert ">Focus areas of the communities</caption>" in page
    assert re.search(r'<th scope="row"><a href="/communities/health/">Health</a></th><td>Health</td>'
                     r"<td>Immunization delivery management</td><td>Complete</td>", page)
    assert "No focus area yet" in page  # the climate community has none yet


def test_community_shows_experts_by_organisation_criteria_collections_and_assessments(client, eco):
    page = text(client.get("/communities/health/"))
    assert "<h1>Health</h1>" in page
    assert "<td>Ministry of Health</td><td>Programme lead</td><td>—</td>" in page
    assert "Focal points: Health Partners" in page
    assert '<a href="/communities/health/collections/immunization/">Immunization delivery</a>' in page
    assert "Open Clinic</a>: Open Clinic tracks doses." in page
    assert "Health CoP review panel, March 1, 2025" in page
    assert "Add a focus area" not in page  # visitors get no editing links
    assert client.get("/communities/none-such/").status_code == 404


def test_collection_compares_maturity_side_by_side(client, eco):
    page = text(client.get("/communities/health/collections/immunization/"))
    table = page[page.index('<table class="comparison">'):page.index("</table>")]
    assert "Maturity of the products in Immunization delivery" in table
    assert '<th scope="col">Open Clinic</th><th scope="col">Vaccine Tracker</th>' in table
    governance = re.search(r'<th scope="row">Governance</th>(.*?)</tr>', table, re.S).group(1)
    assert "Medium" in governance and "Informal processes guide the community" in governance
    assert 'href="https://example.org/governance"' in governance
    assert "not assessed" in governance  # Vaccine Tracker has no assessment
    composability = re.search(r'<th scope="row">Composability</th>(.*?)</tr>', table, re.S).group(1)
    assert "High" in composability
    assert client.get("/communities/climate/collections/immunization/").status_code == 404


def test_product_profile_shows_its_maturity(client, eco):
    page = text(client.get("/registry/open-clinic/"))
    assert "<h2>Maturity</h2>" in page
    assert '<a href="/communities/health/">Health</a>, Health CoP review panel, March 1, 2025' in page
    assert "<h2>Maturity</h2>" not in text(client.get("/registry/vaccine-tracker/"))


def test_pathfinders_pilot_members_fifty_in_five_and_calls(client, eco):
    pathfinders = text(client.get("/pathfinders/"))
    assert '<a href="/countries/KE/">Kenya</a>' in pathfinders and "Clinic records in Kenya" in pathfinders
    assert "<svg" in pathfinders
    pilot = text(client.get("/pathfinders/clinic-kenya/"))
    assert "Kenya Ministry of Health" in pilot and "from Jan. 15, 2024" in pilot and "Running" in pilot
    assert '<a href="/registry/open-clinic/">Open Clinic</a>' in pilot
    members = text(client.get("/members/"))
    assert "<h3>Government or government agency</h3>" in members and "Kenya ICT Authority" in members
    assert ">Roadmap activities: implement dpgs</caption>" in members
    assert "National clinic registry" in members and "In progress" in members
    fifty = text(client.get("/fifty-in-five/"))
    assert "Digital identity" in fifty and "Nov. 8, 2023" in fifty and "Design" in fifty
    calls = text(client.get("/calls/"))
    assert "Build safe DPI together" in calls and "Train 20 teams." in calls


def test_country_page_brings_everything_about_a_country_together(client, eco):
    page = text(client.get("/countries/KE/"))
    assert "<h1>Kenya</h1>" in page
    assert re.search(r'<path class="s2" d="[^"]+"[^>]*><title>Kenya: 2</title>', page)  # two DPGs deployed there
    developed = page[page.index("<h2>Digital public goods developed"):page.index("<h2>Digital public goods deployed")]
    assert "Open Clinic" in developed and "Vaccine Tracker" not in developed
    deployed = page[page.index("<h2>Digital public goods deployed"):page.index("<h2>Pathfinder pilots")]
    assert "Open Clinic" in deployed and "Vaccine Tracker" in deployed
    assert "Side Project" not in deployed  # a nominee is not a DPG
    assert "Clinic records in Kenya" in page and "Digital identity: design" in page
    assert "Kenya ICT Authority (government or government agency), on the governance board" in page
    assert "None recorded." in text(client.get("/countries/FR/"))
    assert client.get("/countries/XX/").status_code == 404
    assert client.get("/countries/ke/")["Location"] == "/countries/KE/"


@pytest.mark.django_db
def test_pages_work_on_an_empty_ecosystem(client, standard):
    for path in ("/communities/", "/pathfinders/", "/members/", "/fifty-in-five/", "/calls/", "/countries/KE/"):
        assert client.get(path).status_code == 200, path

"""The eligibility check page over HTTP, read as a visitor reads it."""

import html
import re
from urllib.parse import urlencode

HEALTH_APP = {
    "category": "software",
    "licence": "Apache-2.0",
    "sdgs": ["3"],
    "impact": "direct",
    "breadth": "high",
    "is_developer_tool": "no",
    "derived_work": "no",
    "authorised": "yes",
    "ownership_documented": "yes",
    "closed_dependencies": "no",
    "documented": "yes",
    "data_export": "yes",
    "privacy_laws": "yes",
    "open_standards": "yes",
    "harm": "yes",
    "acknowledgement": "on",
}


def visible(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def section(page: str, role: str) -> str:
    found = re.search(rf'<section[^>]*role="{role}".*?</section>', page, re.S)
    return visible(found.group(0)) if found else ""


def check(client, **changes):
    response = client.get("/eligibility/?" + urlencode({**HEALTH_APP, **changes}, doseq=True))
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitor_gets_the_questionnaire_from_the_navigation(client, standard):
    home = client.get("/").content.decode()
    assert '<a href="/eligibility/">Eligibility check</a>' in home
    page = client.get("/eligibility/").content.decode()
    assert "<h1>Eligibility check</h1>" in page
    assert 'method="get"' in page and "csrfmiddlewaretoken" not in page
    for label in ("Category", "Licence", "Sustainable Development Goals", "Impact", "Breadth", "Developer tool"):
        assert re.search(rf"<(label|legend)[^>]*>{label}", page), label
    assert 'value="aimodel"' in page and 'value="standard"' not in page  # legacy categories are not offered
    assert 'role="status"' not in page and 'role="alert"' not in page


def test_direct_health_software_is_likely_eligible_and_keeps_the_answers(client, standard):
    page = check(client)
    outcome = section(page, "status")
    assert outcome.startswith("Likely eligible")
    assert "Fine: Apache-2.0 is approved for Open Software in DPG Standard 1.1.7." in outcome
    assert "Fine: Relevant to SDG 3." in outcome
    assert "Start an application" in outcome
    assert 'href="/applications/new/?category=software"' in page
    assert 'value="Apache-2.0"' in page
    assert re.search(r'value="3"[^>]*checked', page) and re.search(r'value="direct"[^>]*checked', page)


def test_non_commercial_content_licence_is_not_eligible_and_named(client, standard):
    page = check(client, category="content", licence="CC-BY-NC-4.0")
    outcome = section(page, "status")
    assert outcome.startswith("Not eligible yet")
    assert "Problem: CC-BY-NC-4.0 forbids commercial reuse" in outcome
    assert "What to do: Relicense under CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0" in outcome
    assert "Start an application" not in outcome


def test_unapproved_licence_links_to_the_approved_list(client, standard):
    page = check(client, licence="CC-BY-4.0")
    assert "Problem: CC-BY-4.0 is not approved for Open Software" in section(page, "status")
    assert '<a href="/standard/#licences-software">The licences approved for Open Software</a>' in page
    assert '<a href="/standard/#indicator-2">Indicator 2 of the DPG Standard</a>' in page


def test_indirect_low_breadth_developer_library_is_not_eligible(client, standard):
    outcome = section(check(client, impact="indirect", breadth="low", is_developer_tool="yes"), "status")
    assert outcome.startswith("Not eligible yet")
    assert "Problem: Indirect impact and low breadth" in outcome
    assert "Libraries, SDKs, plugins, frameworks and compilers mainly serve developers" in outcome
    assert "What to do: If the product serves SDG-affected people directly" in outcome


def test_indirect_high_breadth_needs_a_justification(client, standard):
    outcome = section(check(client, impact="indirect", breadth="high"), "status")
    assert outcome.startswith("Eligible only with a strong justification")
    assert "Needs justification: Indirect impact with high breadth" in outcome
    assert "Start an application" in outcome


def test_fork_without_a_pillar_is_not_eligible(client, standard):
    outcome = section(check(client, derived_work="fork", pillars=["none"]), "status")
    assert outcome.startswith("Not eligible yet")
    assert "Problem: A fork of another project that mainly changes branding" in outcome
    assert "Contribute your changes to the parent project" in outcome


def test_malformed_licence_is_an_error_on_the_licence_field(client, standard):
    page = check(client, licence="Apache-2.0 AND OR MIT")
    assert section(page, "status") == ""
    errors = section(page, "alert")
    assert errors.startswith("Check this answer") and "Licence: Not a valid SPDX expression" in errors
    assert 'href="#id_licence"' in page
    assert re.search(r'<input[^>]*name="licence"[^>]*aria-invalid="true"', page)


def test_missing_answers_are_named(client, standard):
    errors = section(check(client, impact="", acknowledgement="", derived_work="fork"), "alert")
    assert "Impact: Choose direct or indirect." in errors
    assert "Distinction from the parent project: Tick what sets it apart" in errors
    assert "I confirm the product is real" in errors and "Tick the box to confirm" in errors


def test_the_check_asks_about_every_indicator_and_links_the_standard(client, standard):
    page = client.get("/eligibility/").content.decode()
    assert "Are you the owner of the product or authorised by its owner?" in page
    for label in ("Owner or authorised", "Documented ownership", "Closed components", "Documentation",
                  "Data export", "Privacy and applicable laws", "Standards and best practices", "Do no harm"):
        assert re.search(rf"<(label|legend)[^>]*>{label}", page), label
    assert '<a href="/standard/">DPG Standard</a>' in page


def test_someone_not_authorised_by_the_owner_is_told_why_and_where_to_read(client, standard):
    page = check(client, authorised="no", harm="no")
    outcome = section(page, "status")
    assert outcome.startswith("Not eligible yet")
    assert "Problem: Only the product's owner, or someone the owner authorises, can apply for it." in outcome
    assert "What to do: Ask the owner to apply" in outcome
    assert "Problem: The product has to be designed to anticipate and prevent harm" in outcome
    assert '<a href="/standard/#indicator-3">Indicator 3 of the DPG Standard</a>' in page
    assert '<a href="/standard/#indicator-9">Indicator 9 of the DPG Standard</a>' in page
    assert "Start an application" not in outcome


def test_an_unanswered_indicator_question_is_named(client, standard):
    errors = section(check(client, documented=""), "alert")
    assert "Documentation: Choose an answer." in errors

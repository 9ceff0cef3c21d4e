"""Old addresses keep working: the DPG Alliance's /r/<slug> profiles and its application ids (/a/<id>/)."""

import json

from tests.conftest import API_SAMPLE

SOURCE = json.loads(API_SAMPLE.read_text(encoding="utf-8"))


def test_an_old_profile_address_redirects_permanently_to_the_profile(client, registry):
    for old in ("/r/dhis2", "/r/dhis2/"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == "/registry/dhis2/"
    assert client.get("/r/api.gouv.fr")["Location"] == "/registry/api.gouv.fr/"
    french = client.get("/fr/r/dhis2")
    assert french.status_code == 301 and french["Location"] == "/fr/registry/dhis2/"
    assert client.get("/r/dhis2", follow=True).status_code == 200


def test_a_dpga_application_or_registry_id_redirects_permanently_to_the_profile(client, registry):
    record = SOURCE[0]
    profile = client.get(f"/a/{record['id']}/")
    assert profile.status_code == 301
    page = client.get(profile["Location"]).content.decode()
    assert record["name"].split()[0] in page
    for other in (f"/a/{record['dpgid']}/", f"/a/{record['dpgid'].lower()}/", f"/a/{record['id']}"):
        response = client.get(other)
        assert response.status_code == 301 and response["Location"] == profile["Location"], other


def test_an_unknown_old_address_gets_a_helpful_404_with_a_search_box(client, registry):
    response = client.get("/r/no-such-public-good")
    assert response.status_code == 404
    page = response.content.decode()
    assert "No product at this address" in page and "<code>/r/no-such-public-good</code>" in page
    assert 'action="/registry/"' in page and 'name="q" type="search" value="no such public good"' in page
    unknown_id = client.get("/a/99999999/")
    assert unknown_id.status_code == 404 and 'name="q" type="search"' in unknown_id.content.decode()
    searched = client.get("/registry/", {"q": "dhis", "status": "all"}).content.decode()
    assert "/registry/dhis2/" in searched


def test_application_pages_keep_their_address(client, registry):
    # Public ids of applications are capitals and digits: /r/<public id>/ stays the application's page.
    response = client.get("/r/ABCD2345/")
    assert response.status_code == 404
    assert "No product at this address" not in response.content.decode()

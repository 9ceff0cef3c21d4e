"""Every page that names an indicator links to where the Standard explains it, and the link lands on it."""

import re

from django.test import Client


def anchors_on_the_standard_page(client) -> set[str]:
    return set(re.findall(r'id="(indicator-[^"]+)"', client.get("/standard/").content.decode()))


def test_an_application_step_links_to_its_indicator_in_the_standard(draft, people):
    client = Client()
    client.force_login(people["applicant"])
    page = client.get(f"/applications/{draft.public_id}/indicator/9a/").content.decode()
    version = draft.standard_version.version
    assert f'href="/standard/{version}/#indicator-9a"' in page
    assert "indicator-9a" in set(re.findall(r'id="(indicator-[^"]+)"', client.get(f"/standard/{version}/")
                                             .content.decode()))


def test_a_profile_links_each_indicator_to_the_standard(registry, client):
    page = client.get("/registry/aam-digital/").content.decode()
    linked = set(re.findall(r'href="/standard/(?:[\d.]+/)?#(indicator-[^"]+)"', page))
    assert {"indicator-1", "indicator-2", "indicator-9a"} <= linked
    assert linked <= anchors_on_the_standard_page(client)

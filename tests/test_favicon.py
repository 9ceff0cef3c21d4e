"""The site's icon: linked from every page, and at /favicon.ico for clients that ask there without reading a page."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

YEAR = 365 * 24 * 3600


def test_pages_link_the_icon_and_favicon_ico_leads_to_it(standard, settings):
    settings.WHITENOISE_USE_FINDERS = True  # static files from the app folders, as in development
    client = Client()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in client.get("/").content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.svg"
    assert "max-age=86400" in response["Cache-Control"]
    icon = client.get(response["Location"])
    assert icon.status_code == 200 and icon["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(icon.streaming_content)


def test_the_icon_is_cached_for_a_year_as_the_other_static_files_are(standard, settings, tmp_path):
    # As `dpg serve` sets it up: collected static files with hashed names.
    settings.STATIC_ROOT = tmp_path / "static"
    settings.WHITENOISE_AUTOREFRESH = False
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    location = client.get("/favicon.ico")["Location"]
    assert re.fullmatch(r"/static/favicon\.[0-9a-f]{12}\.svg", location)
    assert f'<link rel="icon" href="{location}"' in client.get("/").content.decode()
    for url in (location, client.get("/").content.decode().split('rel="stylesheet" href="')[1].split('"')[0]):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "immutable" in response["Cache-Control"], url
        assert int(re.search(r"max-age=(\d+)", response["Cache-Control"])[1]) >= YEAR, url

"""A URL holding a NUL character is refused with 400 naming the place, on pages as in the API
(PostgreSQL cannot compare text holding NUL, so without this such a URL was a server error)."""

import pytest
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/registry/?sector=health%00care", "The query parameter “sector” contains a NUL character."),
        ("/registry/dhis2%00/", "The address's path contains a NUL character."),
        ("/communities/?x%00=1", "The query parameter “x\\x00” contains a NUL character."),
    ],
)
def test_pages_refuse_nul_characters(url, message):
    response = Client().get(url)
    assert response.status_code == 400
    assert response.content.decode() == message


@pytest.mark.django_db
def test_the_api_refuses_them_as_problem_details():
    response = Client().get("/api/dpg/dhis2%00")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "The address's path contains a NUL character."

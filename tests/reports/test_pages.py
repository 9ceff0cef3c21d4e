"""The report's pages: every chart with its table, every table as CSV, clear 404s, no people named."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dpg_registry.registry import cache as registry_cache
from dpg_registry.reports.report import build_report
from tests.reports import scenario


@pytest.fixture
def history(people):
    return scenario.build(people)


def test_the_report_page_shows_each_chart_with_its_table_and_csv(client, history):
    response = client.get("/reports/2024/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    page = response.content.decode()
    report = build_report(2024, today=scenario.at("2026-01-01").date())
    for section in report.sections:
        for table in section.tables:
            assert f"<caption>{table.title}" in page
            assert f'href="/reports/2024/{table.slug}.csv"' in page
            if table.chart:
                assert f'aria-labelledby="{table.slug}-title {table.slug}-desc"' in page
    assert '<th scope="col">Category</th>' in page and '<th scope="row">Open Software</th>' in page
    assert "<script" not in page


def test_each_csv_holds_exactly_its_table(client, history):
    report = build_report(2024, today=scenario.at("2026-01-01").date())
    for section in report.sections:
        for table in section.tables:
            response = client.get(f"/reports/2024/{table.slug}.csv")
            assert response["Content-Type"] == "text/csv; charset=utf-8"
            cells = [["" if cell is None else str(cell) for cell in row] for row in table.rows]
            expected = [list(table.columns), *cells]
            assert list(csv.reader(io.StringIO(response.content.decode()))) == expected


def test_no_person_is_named_anywhere_in_the_report(client, history):
    texts = [client.get("/reports/2024/").content.decode()]
    texts += [client.get(f"/reports/2024/{slug}.csv").content.decode() for slug in ("review", "ineligibility")]
    for user in get_user_model().objects.all():
        for text in texts:
            assert user.email not in text and f">{user.username}<" not in text
    assert all("@" not in text for text in texts[1:])


def test_the_list_of_years_and_clear_404s(client, history):
    index = client.get("/reports/").content.decode()
    assert 'href="/reports/2023/"' in index and 'href="/reports/2024/report.pdf"' in index
    missing = client.get("/reports/1999/")
    assert missing.status_code == 404
    assert "There is no report for 1999: the registry has reports for 2023 to " in missing.content.decode()
    assert client.get("/reports/1999/sdgs.csv").status_code == 404
    unknown_table = client.get("/reports/2024/nothing.csv")
    assert unknown_table.status_code == 404 and "has no table called" in unknown_table.content.decode()


def test_an_empty_registry_has_no_report(client, standard):
    assert "no listings or applications yet" in client.get("/reports/").content.decode()
    assert client.get("/reports/2024/").status_code == 404


def test_a_report_page_is_kept_until_an_application_a_product_or_the_day_changes(client, history, people):
    def read(url="/reports/2025/"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return response.content, len(queries)

    first, built = read()
    again, kept = read()
    assert again == first and kept <= 3 < built  # the generation, the last audit event, the session's absence
    scenario.review(people, "2025-02-01")  # Elm is decided: an application's write, recorded in the audit trail
    decided, rebuilt = read()
    assert decided != first and rebuilt > 3
    assert read()[1] <= 3
    registry_cache.bump()  # what every write to products or the ecosystem does
    assert read()[1] > 3
    with time_machine.travel(timezone.now() + timedelta(days=1)):  # another day: the year may be over
        assert read()[1] > 3
    csv_first = client.get("/reports/2025/review.csv")
    csv_again = client.get("/reports/2025/review.csv")
    assert csv_again.content == csv_first.content
    assert csv_again["Content-Disposition"] == csv_first["Content-Disposition"] == (
        'inline; filename="dpg-report-2025-review.csv"')
    assert client.get("/reports/1999/").status_code == client.get("/reports/1999/").status_code == 404

"""`dpg report` as a user runs it, against a database the test does not hold open (SQLite allows one writer)."""

import pytest
from django.utils import timezone

from tests.conftest import LEGACY_DIR, run_dpg

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]  # subprocesses over the real data


def test_dpg_report_writes_the_pdf_and_the_html(tmp_path):
    assert run_dpg("migrate").returncode == 0
    assert run_dpg("import", str(LEGACY_DIR)).returncode == 0
    year = str(timezone.now().year)
    result = run_dpg("report", "--year", year, "--pdf", str(tmp_path / "r.pdf"), "--html", str(tmp_path / "r.html"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    html = (tmp_path / "r.html").read_text()
    assert f"<h1>State of the Ecosystem {year}</h1>" in html and "<style>" in html and "<svg" in html
    result = run_dpg("report", "--year", year, "--language", "ar", "--html", str(tmp_path / "ar.html"))
    assert result.returncode == 0, result.stderr
    arabic = (tmp_path / "ar.html").read_text()
    assert '<html lang="ar" dir="rtl">' in arabic and f"<h1>حالة المنظومة {year}</h1>" in arabic


def test_dpg_report_refuses_a_year_without_data_and_writes_nothing(tmp_path):
    assert run_dpg("migrate").returncode == 0
    result = run_dpg("report", "--year", "1999", "--pdf", str(tmp_path / "r.pdf"))
    assert result.returncode == 1
    assert "There is no report for 1999" in result.stderr and "Nothing was written" in result.stderr
    assert not (tmp_path / "r.pdf").exists()
    result = run_dpg("report", "--year", "2024")
    assert result.returncode == 1 and "--pdf FILE" in result.stderr

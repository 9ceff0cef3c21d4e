"""The report in French, Spanish and Arabic: the page, its CSV, its charts (mirrored right to left in Arabic)
and its PDF, whose text pdftotext reads back in the language and whose fonts are embedded."""

import csv
import html
import io
import re
import subprocess

import pytest
from django.utils import translation

from dpg_registry.reports.pdf import report_pdf
from dpg_registry.reports.report import build_report
from tests.reports import scenario

TODAY = scenario.at("2026-01-01").date()


@pytest.fixture
def history(people):
    return scenario.build(people)


def test_the_report_page_and_csv_read_in_each_language_and_charts_mirror_right_to_left(client, history):
    expected = {
        "fr": ["<h1>État de l'écosystème 2024</h1>", "<h2 id=\"registry-heading\">Le registre</h2>",
               ">BPN par catégorie</h3>", '<th scope="col">Catégorie</th>',
               "Candidatures reçues et tranchées, par mois", "janv.", "Afrique", "Le rapport complet en PDF"],
        "es": ["<h1>Estado del ecosistema 2024</h1>", ">BPD por categoría</h3>",
               "Crecimiento del registro", "ene", "África"],
        "ar": ["<h1>حالة المنظومة 2024</h1>", ">المنافع العامة الرقمية حسب الفئة</h3>", "مسار المراجعة",
               '<th scope="col">الفئة</th>', "أفريقيا", "يناير"],
    }
    for language, texts in expected.items():
        response = client.get(f"/{language}/reports/2024/")
        assert response.status_code == 200
        page = html.unescape(response.content.decode())
        missing = [text for text in texts if text not in page]
        assert not missing, f"{language}: {missing}"
        assert "DPGs by category" not in page and "The review pipeline" not in page
        assert f'href="/{language}/reports/2024/categories.csv"' in page
    # The CSV speaks the language of its address: English for scripts, the reader's in a spreadsheet.
    rows = list(csv.reader(io.StringIO(client.get("/fr/reports/2024/regions.csv").content.decode())))
    assert rows[0] == ["Région", "BPN"] and rows[1][0] == "Afrique"
    rows = list(csv.reader(io.StringIO(client.get("/reports/2024/regions.csv").content.decode())))
    assert rows[0] == ["Region", "DPGs"] and rows[1][0] == "Africa"
    with translation.override("en"):
        review = dict(build_report(2024, today=TODAY).table("review").rows)
    median = review["Median days to a decision"]
    assert isinstance(median, float) and median != int(median)
    french = html.unescape(client.get("/fr/reports/2024/").content.decode())
    assert f"<td>{median:.1f}</td>".replace(".", ",") in french
    english = client.get("/reports/2024/").content.decode()
    assert f"<td>{median:.1f}</td>" in english and 'direction="rtl"' not in english
    arabic = client.get("/ar/reports/2024/").content.decode()
    categories = arabic[arabic.index('id="categories-title"'):arabic.index("</svg>", arabic.index('id="categories"'))]
    # The label starts at the right edge, its bar ends at the label column and grows to the left.
    assert re.search(r'<text x="760" y="15" direction="rtl" text-anchor="start"', categories)
    bar = re.search(r'<rect x="([\d.]+)" y="4" width="([\d.]+)"', categories)
    assert round(float(bar[1]) + float(bar[2]), 1) == 760 - 300


def _pdf(language, tmp_path) -> tuple[str, str, bytes]:
    """The PDF built in ``language``, its text as pdftotext reads it, and pdffonts' list."""
    with translation.override(language):
        pdf = report_pdf(build_report(2024, today=TODAY), site_url="https://registry.example")
    path = tmp_path / f"{language}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return text, fonts, pdf


HEADINGS = {
    "fr": ["État de l'écosystème 2024", "Le registre", "BPN par catégorie", "Croissance du registre",
           "Le circuit d'examen", "Pourquoi des candidatures ont été jugées inéligibles", "page 1 / "],
    "ar": ["حالة المنظومة", "المنافع العامة الرقمية حسب الفئة", "نمو السجل", "مسار المراجعة",
           "أسباب عدم أهلية الطلبات", "المجتمعات والمشاريع التجريبية"],
}


def test_the_pdf_in_french_and_arabic(history, tmp_path):
    for language, headings in HEADINGS.items():
        text, fonts, pdf = _pdf(language, tmp_path)
        missing = [heading for heading in headings if heading not in text]
        assert not missing, f"{language} PDF lacks {missing}"
        assert "DPGs by category" not in text and "The review pipeline" not in text
        embedded = fonts.splitlines()[2:]
        assert embedded and all("DejaVu" in line and " yes yes " in line for line in embedded)
    assert re.search(r"[\u0600-\u06FF]{4,}", text)  # Arabic letters, not boxes or presentation forms
    assert not re.search(r"[\uFE70-\uFEFF]", text)
    assert _pdf("ar", tmp_path)[2] == pdf  # the same data gives the same bytes

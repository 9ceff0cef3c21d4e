"""The PDF of the real data's report: its pages turned into images with pdftoppm, fonts embedded, the same bytes
for the same data."""

import subprocess

import pytest
from django.utils import timezone
from PIL import Image

from dpg_registry.ecosystem.seed import load_ecosystem
from dpg_registry.reports.pdf import report_pdf
from dpg_registry.reports.report import build_report

BAR_BLUE = (0x0B, 0x5C, 0xAD)


@pytest.fixture
def report(registry):
    load_ecosystem()
    today = timezone.now().date()
    return build_report(today.year, today=today)


def pages_of(pdf_path, tmp_path) -> list[tuple[str, Image.Image]]:
    """Each page's text and its image at 50 dpi."""
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf_path), str(tmp_path / "page")], check=True)
    texts = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    images = [Image.open(path).convert("RGB") for path in sorted(tmp_path.glob("page-*.png"))]
    return list(zip(texts, images, strict=False))


def chart_pixels(image: Image.Image) -> int:
    """How many pixels have the colour of the first series: bars, the first line, the most shaded countries."""
    return sum(count for count, colour in image.getcolors(1 << 18)
               if all(abs(a - b) < 40 for a, b in zip(colour, BAR_BLUE, strict=True)))


def test_the_pdf_has_a_page_per_section_start_and_its_charts_are_drawn(report, tmp_path):
    pdf_path = tmp_path / "report.pdf"
    pdf_path.write_bytes(report_pdf(report, site_url="https://registry.example"))
    pages = pages_of(pdf_path, tmp_path)
    assert len(pages) >= 1 + len(report.sections)  # the title page, then each section starts a page
    assert f"State of the Ecosystem {report.year}" in pages[0][0]
    for section in report.sections:
        starts = [number for number, (text, _) in enumerate(pages) if text.lstrip().startswith(section.title)]
        assert len(starts) == 1, section.title
    # The real data's listings all fall in one year: the growth chart is a single point and its legend.
    drawn = {"DPGs by category": 200, "DPGs by Sustainable Development Goal": 200,
             "Countries DPGs are deployed in": 200, "Pathfinder pilots by country": 200, "Growth of the registry": 20}
    for title, least in drawn.items():
        page = next(image for text, image in pages if title in text)
        assert chart_pixels(page) > least, title
    info = subprocess.run(["pdffonts", str(pdf_path)], check=True, capture_output=True, text=True).stdout
    fonts = info.splitlines()[2:]
    assert fonts and all("DejaVu" in line and " yes yes " in line for line in fonts)


def test_the_same_data_gives_the_same_pdf(report, tmp_path):
    first = report_pdf(report, site_url="https://registry.example")
    assert first == report_pdf(report, site_url="https://registry.example")
    (tmp_path / "report.pdf").write_bytes(first)
    info = subprocess.run(["pdfinfo", str(tmp_path / "report.pdf")], check=True, capture_output=True, text=True).stdout
    # The dates come from the year, not the clock.
    assert f"Dec 31 00:00:00 {report.year} UTC" in info.split("CreationDate:")[1].splitlines()[0]

"""The report as HTML: for the page, and for the PDF, in the active language."""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext

from dpg_registry.reports.charts import chart_svg
from dpg_registry.reports.report import Report

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "css" / "report.css"


def report_context(report: Report, *, site_url: str) -> dict:
    """``site_url`` prefixes the CSV links: empty on the site, the registry's address in the PDF."""
    return {
        "report": report,
        "site_url": site_url,
        "sections": [
            (section, [(table, chart_svg(table) if table.chart else "") for table in section.tables])
            for section in report.sections
        ],
    }


def print_html(report: Report, *, site_url: str) -> str:
    """One self-contained file: the stylesheet inside, the charts inline."""
    context = report_context(report, site_url=site_url)
    return render_to_string("reports/print.html", {
        **context, "stylesheet": STYLESHEET.read_text(encoding="utf-8"), "page_footer": _css_string(
            gettext("State of the Ecosystem %(year)s · page") % {"year": report.year} + " "),
    })


def _css_string(text: str) -> str:
    """``text`` as a quoted CSS string, for the page footer's ``content``."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


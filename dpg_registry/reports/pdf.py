"""The report as a PDF, laid out by WeasyPrint in the DejaVu fonts, which it embeds.

Its dates come from the report's year, so the same data gives the same bytes.
"""

from dpg_registry.reports.rendering import print_html
from dpg_registry.reports.report import Report


def pdf_of(html: str) -> bytes:
    # Imported here: WeasyPrint takes over a second to import and only the PDF needs it.
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def report_pdf(report: Report, *, site_url: str) -> bytes:
    return pdf_of(print_html(report, site_url=site_url))

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone, translation

from dpg_registry.lib.commands import DataCommand
from dpg_registry.reports.pdf import report_pdf
from dpg_registry.reports.rendering import print_html
from dpg_registry.reports.report import available_years, build_report, no_report_reason
from dpg_registry.standard.readiness import require_ready


class Command(DataCommand):
    help = (
        "Write the State of the Ecosystem report of a year as PDF (fonts embedded) and/or as one HTML file. "
        "The same data gives the same files. The report is in English unless --language says otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--pdf", type=Path, metavar="FILE", help="write the report as PDF to FILE")
        parser.add_argument("--html", type=Path, metavar="FILE", help="write the report as one HTML file to FILE")
        parser.add_argument("--language", choices=[code for code, _ in settings.LANGUAGES],
                            default=settings.LANGUAGE_CODE, help="the report's language (default: %(default)s)")

    def handle(self, *args, year, pdf, html, language, **options):
        if pdf is None and html is None:
            raise CommandError("say where to write the report: --pdf FILE, --html FILE or both")
        require_ready()
        today = timezone.now().date()
        with translation.override(language):
            report = build_report(year, today=today)
        if report is None:
            raise CommandError(no_report_reason(year, available_years(today)) + " Nothing was written.")
        with translation.override(language):
            html_text = print_html(report, site_url=settings.DPG_SITE_URL)
            pdf_bytes = report_pdf(report, site_url=settings.DPG_SITE_URL) if pdf is not None else None
        if html is not None:
            html.write_text(html_text, encoding="utf-8")
            self.stdout.write(f"Wrote the {year} report to {html}")
        if pdf_bytes is not None:
            pdf.write_bytes(pdf_bytes)
            self.stdout.write(f"Wrote the {year} report to {pdf}")

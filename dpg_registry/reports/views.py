"""The reports' pages: the years, a year's report, each table as CSV, and the whole report as PDF."""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from dpg_registry.audit.models import AuditEvent
from dpg_registry.registry import cache as registry_cache
from dpg_registry.reports.pdf import pdf_of
from dpg_registry.reports.rendering import print_html, report_context
from dpg_registry.reports.report import available_years, build_report, no_report_reason

public = cache_control(public=True, max_age=3600)


def kept_until_the_data_changes(view):
    """Keep a report's page, for visitors without a session, until what it is computed from changes.

    A report reads the products and the ecosystem, whose every write gives the registry a new generation, and
    the applications and their decisions, whose every write records an audit event; the clock decides whether a
    year is over. The page is kept under the generation, the last audit event, the day and the language (a
    cache shared by the processes, or each process's own: ``registry/cache.py``), so a read after any of them
    changed builds the report again. Building a year's report takes tens of milliseconds and dozens of queries;
    these two keys take two.
    """

    @wraps(view)
    def kept(request, *args, **kwargs):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:  # the header shows the account: not shared
            return view(request, *args, **kwargs)
        last_event = AuditEvent.objects.aggregate(last=Max("id"))["last"] or 0
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        key = (f"dpg:report:{registry_cache.generation()}:{last_event}:{timezone.now().date().isoformat()}:"
               f"{get_language()}:{digest}")
        stored = caches["pages"].get(key)
        if stored is not None:
            status, headers, body = stored
            return HttpResponse(body, status=status, headers=headers)
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 404) and not response.streaming and not response.cookies:
            headers = {name: response[name] for name in ("Content-Type", "Content-Disposition") if name in response}
            caches["pages"].set(key, (response.status_code, headers, response.content), 3600)
        return response

    return kept


def _report_or_404(request, year: int):
    """The report, or the page that says which years have one."""
    today = timezone.now().date()
    report = build_report(year, today=today)
    if report is None:
        reason = no_report_reason(year, available_years(today))
        return None, render(request, "reports/no_report.html", {"year": year, "message": reason}, status=404)
    return report, None


@require_GET
@public
@kept_until_the_data_changes
def index(request):
    return render(request, "reports/index.html", {"years": available_years(timezone.now().date())[::-1]})


@require_GET
@public
@kept_until_the_data_changes
def report_page(request, year: int):
    report, missing = _report_or_404(request, year)
    return missing or render(request, "reports/report.html", report_context(report, site_url=""))


@require_GET
@public
@kept_until_the_data_changes
def table_csv(request, year: int, slug: str):
    report, missing = _report_or_404(request, year)
    if missing:
        return missing
    table = report.table(slug)
    if table is None:
        return render(request, "reports/no_report.html", {
            "year": year, "message": gettext("The report of %(year)s has no table called %(slug)r.") % {
                "year": year, "slug": slug}}, status=404)
    response = HttpResponse(table.as_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="dpg-report-{year}-{slug}.csv"'
    return response


@require_GET
@public
def pdf(request, year: int):
    report, missing = _report_or_404(request, year)
    if missing:
        return missing
    html = print_html(report, site_url=settings.DPG_SITE_URL)
    # Laying out the PDF takes seconds; the same HTML always gives the same PDF, so it is kept under the HTML's digest.
    key = "dpg:report-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        body = pdf_of(html)
        cache.set(key, body, 3600)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="state-of-the-ecosystem-{year}.pdf"'
    return response

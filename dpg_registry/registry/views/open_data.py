"""Open data views: dumps (whole ones from files, filtered ones streamed), the Atom feed, badges, sitemap, robots."""

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import caches
from django.db.models import F
from django.http import FileResponse, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET

from dpg_registry.registry import catalogue, dump_files, page_reads
from dpg_registry.registry.badges import badge_svg
from dpg_registry.registry.cache import DUMP_MAX_AGE, generation, generation_etag
from dpg_registry.registry.cache import TIMEOUT as PAGE_TIMEOUT
from dpg_registry.registry.export import record_lines
from dpg_registry.registry.models import Product

# A filtered dump of up to this many records (about 1.2 KB each in JSON) is kept whole until the registry changes.
KEPT_DUMP_RECORDS = 2_000
CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "ndjson": "application/x-ndjson",
}


@require_GET
def open_data(request):
    return render(request, "registry/open_data.html")


@require_GET
@cache_control(public=True, max_age=DUMP_MAX_AGE)
@condition(etag_func=generation_etag)
def dump(request, fmt):
    """The whole registry from its file for the current generation; with filters, streamed as it is read, or from
    the pages' cache when small (``_filtered_dump``)."""
    try:
        filters = catalogue.Filters.from_query(request.GET)
    except catalogue.FilterError as error:
        return JsonResponse({"error": str(error), "parameter": error.parameter}, status=400)
    if not request.GET:
        response = FileResponse(dump_files.open_dump(fmt), content_type=CONTENT_TYPES[fmt])
    else:
        response = StreamingHttpResponse(_filtered_dump(request, filters, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'inline; filename="registry.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _filtered_dump(request, filters: catalogue.Filters, fmt: str) -> Iterator[str | bytes]:
    """A filtered dump: the matches and their order from the in-memory index, as the API's pages read them, and
    the records a chunk at a time, flat (page_reads). One of at most ``KEPT_DUMP_RECORDS`` records is kept whole in
    the pages' cache until the registry's generation changes, as the pages are; a larger one is streamed as read."""
    key = f"dpg:dump:{generation()}:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    kept = caches["pages"].get(key)
    if kept is not None:
        return iter([kept])
    found = catalogue.Selection(filters)
    lines = record_lines(page_reads.public_records_streamed(found.ids(0, found.count)), fmt)
    if found.count > KEPT_DUMP_RECORDS:
        return lines
    body = "".join(lines).encode()
    caches["pages"].set(key, body, PAGE_TIMEOUT)
    return iter([body])


@require_GET
@cache_control(public=True, max_age=3600)
def badge(request, slug):
    product = get_object_or_404(Product.objects.only("status"), slug=slug)
    svg = badge_svg(product.status)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["ETag"] = '"' + hashlib.sha256(svg.encode()).hexdigest()[:32] + '"'
    return response


class NewlyListedFeed(Feed):
    """The DPGs by listing date, newest first; an entry whose date is not a review's says where it came from."""

    feed_type = Atom1Feed
    title = _("Newly listed digital public goods")
    subtitle = _("Products recognised as digital public goods, newest listing first. A date of import says when "
                 "this registry imported the record, not when it was reviewed.")

    def link(self):
        return reverse("catalogue") + "?status=dpg&sort=recent"

    def items(self):
        return Product.objects.filter(status=Product.Status.DPG).order_by(
            F("listed_since").desc(nulls_last=True), "-updated_at", "slug"
        )[:50]

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        if item.listed_since is None or item.listed_since_source == Product.DateSource.REVIEW:
            return item.description
        date = item.listed_since.isoformat()
        if item.listed_since_source == Product.DateSource.IMPORT:
            note = gettext("Listed since %(date)s: the date of import into this registry, not of a review.")
        else:
            note = gettext("Listed since %(date)s: the date given by the imported record, not by a review here.")
        return f"{note % {'date': date}}\n\n{item.description}"

    def item_link(self, item):
        return reverse("profile", args=[item.slug])

    def item_pubdate(self, item):
        if item.listed_since is None:
            return item.updated_at
        return datetime.combine(item.listed_since, time.min, tzinfo=UTC)

    def item_updateddate(self, item):
        return item.updated_at


@require_GET
def sitemap(request):
    """Every page in every language, each naming its versions in the others (hreflang alternates)."""
    base = request.build_absolute_uri("/")[:-1]
    slugs = Product.objects.order_by("slug").values_list("slug", flat=True)
    homes = {}  # each language's home page: "/" for English (unprefixed), "/fr/" for French...
    for code, _name in settings.LANGUAGES:
        with override(code):
            homes[code] = base + reverse("home")

    def entries(english_path: str) -> str:
        path = english_path.removeprefix("/")
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{home}{path}"/>' for code, home in homes.items()
        )
        return "".join(f"<url><loc>{home}{path}</loc>{links}</url>\n" for home in homes.values())

    def lines():
        yield (
            '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        )
        with override(settings.LANGUAGE_CODE):
            yield entries(reverse("home"))
            yield entries(reverse("catalogue"))
            for slug in slugs.iterator(chunk_size=2000):
                yield entries(reverse("profile", args=[slug]))
        yield "</urlset>\n"

    return StreamingHttpResponse(lines(), content_type="application/xml")


@require_GET
def robots(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return HttpResponse(f"User-agent: *\nAllow: /\nSitemap: {sitemap_url}\n", content_type="text/plain")

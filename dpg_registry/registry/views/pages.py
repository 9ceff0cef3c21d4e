"""Public pages of the registry. Every page works without JavaScript."""

from urllib.parse import quote_plus

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from dpg_registry.registry import catalogue, maps, page_reads, selectors
from dpg_registry.registry.export import public_record
from dpg_registry.registry.models import ProductOrganisation
from dpg_registry.standard.choices import choice_label
from dpg_registry.standard.models import SDG, Question

PAGE_SIZE = 20


@require_GET
def home(request):
    # The whole page is kept by the CachedPublicReads middleware until the registry changes.
    by_sdg = selectors.dpgs_by_sdg()
    deployments = selectors.dpg_deployment_counts()
    context = {
        "counts": selectors.status_counts(),
        "countries_reached": selectors.countries_reached(),
        "by_category": selectors.dpgs_by_category(),
        "sdgs": [(sdg, by_sdg.get(sdg.number, 0)) for sdg in SDG.objects.all()],
        "recent": selectors.recently_listed(),
        "world_map": maps.world_map(
            deployments,
            title=gettext("Where digital public goods are deployed"),
            description=ngettext(
                "%(count)d country or territory has at least one DPG deployed; darker means more.",
                "%(count)d countries and territories have at least one DPG deployed; darker means more.",
                len(deployments),
            )
            % {"count": len(deployments)},
        ),
        "top_countries": sorted(deployments.items(), key=lambda row: -row[1])[:10],
    }
    return render(request, "registry/home.html", context)


def _page(found: catalogue.Selection, request, read):
    """The requested page of the results, its products read by ``read`` from their ids."""
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = read(page.object_list)
    return page


def _filters_or_error(request):
    try:
        return catalogue.page_filters(request.GET), None
    except catalogue.FilterError as error:
        return None, error


def _page_links(filters, page) -> dict:
    def url(number):
        return "?" + urlencode(catalogue.page_params(filters) + [("page", str(number))])

    return {
        "previous": url(page.previous_page_number()) if page.has_previous() else None,
        "next": url(page.next_page_number()) if page.has_next() else None,
    }


def _applied(filters, facets) -> list[dict]:
    """The applied filters, each with the URL that removes it."""
    labels = {(name, str(row["value"])): row["label"] for name, rows in facets.items() for row in rows}
    chips = []
    params = filters.as_params()
    for index, (name, value) in enumerate(params):
        if name == "sort":
            continue
        rest = catalogue.keep_status(params[:index] + params[index + 1 :])
        label = gettext("“%(query)s”") % {"query": value} if name == "q" else labels.get((name, value), value)
        chips.append({"name": name, "label": label, "remove_url": "?" + urlencode(rest)})
    return chips


# The catalogue lists the values of a facet with the most results, at most this many.
FACET_ROWS_SHOWN = 40
_VALUE = object()  # the place of the value being added in a facet's query strings


def _adding(params, name: str):
    """The URL that adds a value of facet ``name`` to ``params``, as a function of the value: the rest of its query
    string is encoded once for every value of the facet."""
    parts = catalogue.keep_status(params + [(name, _VALUE)])
    at = next(index for index, (_, value) in enumerate(parts) if value is _VALUE)
    head, tail = (urlencode(side) for side in (parts[:at], parts[at + 1 :]))
    head, tail = head + "&" if head else head, "&" + tail if tail else tail
    key = quote_plus(name) + "="
    return lambda value: f"?{head}{key}{quote_plus(value)}{tail}"


def _facet_links(filters, facets) -> dict:
    """For each facet, the values shown, each with the URL that toggles it (keeping every other filter)."""
    params = filters.as_params()
    out = {}
    for name, rows in facets.items():
        adding = _adding(params, name)
        for row in rows[:FACET_ROWS_SHOWN]:
            value = str(row["value"])
            if row["selected"]:
                row["url"] = "?" + urlencode(catalogue.keep_status([p for p in params if p != (name, value)]))
            else:
                row["url"] = adding(value)
        out[name] = rows[:FACET_ROWS_SHOWN]
    return out


@require_GET
def catalogue_page(request):
    filters, error = _filters_or_error(request)
    if error:
        return render(request, "registry/bad_filter.html", {"error": error}, status=400)
    found = catalogue.Selection(filters)
    page = _page(found, request, page_reads.listing_rows)
    counts = catalogue.facet_counts(found)
    facets = _facet_links(filters, counts)
    context = {
        "filters": filters,
        "page": page,
        "facet_groups": [(name, title, facets[name]) for name, title in FACET_TITLES.items() if facets[name]],
        "applied": _applied(filters, counts),
        "links": _page_links(filters, page),
        "page_params": catalogue.page_params(filters),
        "status_notice": _status_notice(filters, counts["status"]),
        "json_url": reverse("catalogue-json")
        + "?"
        + urlencode(catalogue.page_params(filters) + [("page", page.number)]),
        "sorts": [(sort, SORT_LABELS[sort]) for sort in catalogue.SORTS],
    }
    return render(request, "registry/catalogue.html", context)


# What the catalogue says of the records one click away from the DPGs it opens on.
OTHER_STATUSES = {
    "nominee": lambda count: ngettext("%(count)d nominee", "%(count)d nominees", count),
    "expired": lambda count: ngettext("%(count)d expired listing", "%(count)d expired listings", count),
    "archived": lambda count: ngettext("%(count)d archived record", "%(count)d archived records", count),
    "excluded": lambda count: ngettext("%(count)d excluded record", "%(count)d excluded records", count),
    "ineligible": lambda count: ngettext("%(count)d ineligible record", "%(count)d ineligible records", count),
}


def _status_notice(filters, status_rows) -> dict | None:
    """When only DPGs are shown: how many records of each other status match too, each a link to them."""
    if filters.status != [catalogue.DEFAULT_STATUS]:
        return None

    def url(statuses):
        other = filters.without("status")
        other.status = statuses
        return "?" + urlencode(catalogue.page_params(other))

    counts = {row["value"]: row["count"] for row in status_rows}
    others = [
        {"text": text(counts[status]) % {"count": counts[status]}, "url": url([status])}
        for status, text in OTHER_STATUSES.items()
        if counts.get(status)
    ]
    return {"others": others, "all_url": url([])}


FACET_TITLES = {
    "status": _("Status"),
    "category": _("Category"),
    "sdg": _("Sustainable Development Goal"),
    "license_family": _("Licence family"),
    "license": _("Licence"),
    "country": _("Deployed in"),
    "developed_in": _("Developed in"),
    "region": _("Region"),
    "sector": _("Sector"),
}
SORT_LABELS = {"relevance": _("relevance"), "name": _("name"), "recent": _("recently listed")}


@require_GET
def catalogue_json(request):
    filters, error = _filters_or_error(request)
    if error:
        return JsonResponse({"error": str(error), "parameter": error.parameter}, status=400)
    found = catalogue.Selection(filters)
    page = _page(found, request, page_reads.public_records)
    return JsonResponse(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": page.object_list,
            "facets": catalogue.facet_counts(found),
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _product_or_404(slug):
    product = selectors.public_product(slug)
    if product is None:
        raise Http404("No product with this name in the registry")
    return product


@require_GET
def profile(request, slug):
    product = _product_or_404(slug)
    return profile_page(request, product, record=public_record(product), questions=selectors.questions_by_key())


def profile_page(request, product, *, record: dict, questions: dict[str, Question]):
    """A product's profile from what is already read: the product (``selectors.public_product``), its public
    record and the current Standard's questions, which the offline copy reads once for every product."""
    roles = dict(ProductOrganisation.Role.choices)
    organisations = [{**organisation, "role_label": roles.get(organisation["role"], organisation["role"])}
                     for organisation in record["organisations"]]
    indicators = []
    for code, answers in record["indicators"].items():
        rows = []
        for key, value in answers.items():
            question = questions.get(key)
            values = _as_list(value)
            if question and question.answer_type == Question.AnswerType.CHOICE:
                values = [choice_label(code) for code in values]
            rows.append({"prompt": question.prompt if question else key, "values": values})
        title = next((q.indicator.title for q in questions.values() if q.indicator.code == code), "")
        indicators.append({"code": code, "title": title, "answers": rows})
    deployed = {country["code"]: 1 for country in record["deployment_countries"] if country["code"]}
    badge_url = request.build_absolute_uri(reverse("badge", args=[product.slug]))
    page_url = request.build_absolute_uri(reverse("profile", args=[product.slug]))
    context = {
        "product": product,
        "record": record,
        "organisations": organisations,
        "indicators": indicators,
        "world_map": maps.world_map(
            deployed,
            title=gettext("Where %(name)s is deployed") % {"name": product.name},
            description=ngettext(
                "Deployed in %(count)d country, listed below the map.",
                "Deployed in %(count)d countries, listed below the map.",
                len(deployed),
            )
            % {"count": len(deployed)},
            key=gettext("deployed here"),
        )
        if deployed
        else "",
        "badge_snippet": f'<a href="{page_url}"><img src="{badge_url}" alt="{product.name}: '
        f'{product.get_status_display()}"></a>',
        "markdown_snippet": f"[![{product.get_status_display()}]({badge_url})]({page_url})",
    }
    return render(request, "registry/profile.html", context)


def _as_list(value) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


@require_GET
def profile_json(request, slug):
    return JsonResponse(public_record(_product_or_404(slug)), json_dumps_params={"ensure_ascii": False})

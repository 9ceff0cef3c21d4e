"""API version 1 at ``/api/v1/``: products with the catalogue's filters, facets, SDGs, licences, the Standard."""

from http import HTTPStatus
from typing import Annotated, Literal

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.http import urlencode
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import Field

from dpg_registry.api import schemas
from dpg_registry.api.openapi import document_problems
from dpg_registry.api.pagination import Cursor, cursor_at, offset_of
from dpg_registry.api.views.applications import router as applications_router
from dpg_registry.api.views.ecosystem import router as ecosystem_router
from dpg_registry.lib.problems import problem
from dpg_registry.registry import catalogue, page_reads, selectors
from dpg_registry.registry.countries import region_names
from dpg_registry.registry.export import public_record
from dpg_registry.registry.models import Product
from dpg_registry.standard.models import SDG, ApprovedLicence, Licence
from dpg_registry.standard.selectors import current_version

MAX_LIMIT = 100



class RegistryApi(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        return document_problems(super().get_openapi_schema(**kwargs))


api = RegistryApi(
    title="DPG Registry API",
    version="1",
    description=(
        "Read the registry of digital public goods: products with full-text search and facets, "
        "SDGs, licences and the DPG Standard. Lists use cursor pagination: follow `next`. "
        "Errors are problem details (RFC 9457). Contact details are never served."
    ),
    urls_namespace="api-v1",
    openapi_extra={"info": {"license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}}},
)


# The values the catalogue accepts, so that the OpenAPI document says what a valid request is.
CountryCode = Annotated[str, Field(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code")]
Goal = Annotated[int, Field(ge=1, le=17)]


class ProductFilters(Schema):
    q: schemas.Text = ""
    category: list[schemas.Text] = []
    sdg: list[Goal] = []
    license: list[schemas.Text] = []
    license_family: list[Literal[tuple(Licence.Family.values)]] = []
    country: list[CountryCode] = []
    developed_in: list[CountryCode] = []
    region: list[Literal[tuple(region_names())]] = []
    sector: list[schemas.Text] = []
    status: list[Literal[tuple(Product.Status.values)]] = []
    sort: Literal[("", *catalogue.SORTS)] = ""


@api.exception_handler(catalogue.FilterError)
def _filter_error(request, exc: catalogue.FilterError):
    return problem(400, "Invalid filter", str(exc), parameter=exc.parameter)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    location = [part for part in first.get("loc", []) if isinstance(part, str) and part not in ("query", "path")]
    parameter = location[-1] if location else ""
    return problem(400, "Invalid parameter", f"{parameter}: {first.get('msg', 'invalid value')}", parameter=parameter)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem(404, "Not found", str(exc) or request.path)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):  # e.g. a request body that is not JSON
    return problem(exc.status_code, HTTPStatus(exc.status_code).phrase, exc.message)


def _filters(request: HttpRequest) -> catalogue.Filters:
    return catalogue.Filters.from_query(request.GET)


@api.get("/products", response={200: schemas.ProductPage, 400: schemas.Problem}, tags=["products"],
         summary="Search and filter products")
def list_products(
    request, filters: Query[ProductFilters], limit: int = Query(20, ge=1, le=MAX_LIMIT), cursor: Cursor = ""
):
    """Products matching `q` and the facet filters (AND across facets, OR within one facet)."""
    chosen = _filters(request)
    offset = offset_of(cursor)
    found = catalogue.Selection(chosen)
    count = found.count
    ids = found.ids(offset, limit)
    next_url = None
    if offset + limit < count:
        params = chosen.as_params() + [("limit", str(limit)), ("cursor", cursor_at(offset + limit))]
        next_url = request.build_absolute_uri(request.path) + "?" + urlencode(params)
    # Plain dicts the ``ProductPage`` schema describes, sent as they are: validating a whole page of records
    # against the schema on every request would cost more than reading them (the tests check the shape).
    return JsonResponse({"count": count, "results": page_reads.public_records(ids), "next": next_url})


@api.get("/products/{slug}", response={200: schemas.Product, 404: schemas.Problem}, tags=["products"])
def get_product(request, slug: schemas.Text):
    product = selectors.public_product(slug)
    if product is None:
        raise Http404(f"no product {slug!r} in the registry")
    return public_record(product)


@api.get("/facets", response={200: schemas.Facets, 400: schemas.Problem}, tags=["products"],
         summary="Facet counts for the same filters")
def facets(request, filters: Query[ProductFilters]):
    found = catalogue.Selection(_filters(request))
    # Sent as they are, as the products' pages are (the ``Facets`` schema describes them; the tests check it).
    return JsonResponse({"count": found.count, "facets": catalogue.facet_counts(found)})


@api.get("/sdgs", response=list[schemas.SDG], tags=["reference"])
def sdgs(request):
    counts = selectors.dpgs_by_sdg()
    return [{"number": sdg.number, "name": sdg.name, "dpgs": counts.get(sdg.number, 0)} for sdg in SDG.objects.all()]


@api.get("/licenses", response=list[schemas.LicenceInfo], tags=["reference"])
def licenses(request):
    """Every licence the registry knows, and the categories the current Standard approves it for."""
    version = current_version()
    approved: dict[int, list[str]] = {}
    for licence_id, key in ApprovedLicence.objects.filter(version=version).values_list("licence_id", "category__key"):
        approved.setdefault(licence_id, []).append(key)
    return [
        {
            "spdx_id": licence.spdx_id,
            "name": licence.name,
            "family": licence.family,
            "osi_approved": licence.osi_approved,
            "deprecated": licence.deprecated,
            "approved_for": sorted(approved.get(licence.id, [])),
        }
        for licence in Licence.objects.all()
    ]


@api.get("/standard", response={200: schemas.Standard, 404: schemas.Problem}, tags=["reference"])
def standard(request):
    """The current version of the DPG Standard: indicators and the questions asked per category."""
    version = current_version()
    if version is None:
        raise Http404("the DPG Standard is not loaded")
    indicators = version.indicators.prefetch_related("questions__categories")
    return {
        "version": version.version,
        "released_on": version.released_on.isoformat(),
        "summary": version.summary,
        "indicators": [
            {
                "code": indicator.code,
                "title": indicator.title,
                "requirement": indicator.requirement,
                "questions": [
                    {
                        "key": question.key,
                        "prompt": question.prompt,
                        "help": question.help,
                        "answer_type": question.answer_type,
                        "choices": question.choices,
                        "categories": [category.key for category in question.categories.all()],
                        "required": question.required,
                        "evidence_required": question.evidence_required,
                    }
                    for question in indicator.questions.all()
                ],
            }
            for indicator in indicators
        ],
    }


api.add_router("", applications_router)
api.add_router("", ecosystem_router)

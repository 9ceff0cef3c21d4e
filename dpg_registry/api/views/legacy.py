"""The DPGA registry API's shapes (``/api/dpgs``, ``/api/dpg/{id}``, ``/api/nominees``, ``/api/nominee/{id}``).

Read-only, so consumers of today's DPGA registry keep working: the same fields and nesting,
built from the registry's own record. Texts come out clean (no HTML entities, free text not
cut on commas); contact details are never included.
"""


from django.db.models import Q
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from dpg_registry.lib.problems import problem
from dpg_registry.registry.dpga import CATEGORY_LABELS, CONTENT_OPTIONS, PII_OPTIONS, sdg_labels
from dpg_registry.registry.licence_refs import is_licence_ref
from dpg_registry.registry.models import Product
from dpg_registry.registry.selectors import with_public_record

CATEGORY_OF_KEY = {key: label for label, key in CATEGORY_LABELS.items()}
PII_TEXT = {key: text for text, key in PII_OPTIONS.items()}
CONTENT_TEXT = {key: text for text, key in CONTENT_OPTIONS.items()}
CHOICE_TEXT = {"yes": "Yes", "no": "No", "unknown": "Unknown"}
STAGE = {Product.Status.DPG: "DPG", Product.Status.NOMINEE: "nominee"}


def _answers(product: Product) -> dict[str, object]:
    return {answer.question_key: answer.value for answer in product.indicator_answers.all()}


def _as_given(statement) -> str:
    """A licence the SPDX list lacks as the record gave it (the DPGA's API sends that text), not its ``LicenseRef-``."""
    if is_licence_ref(statement.expression) and statement.declared:
        return statement.declared
    return statement.expression


def _list(value) -> list:
    if value in (None, ""):
        return []
    return value if isinstance(value, list) else [value]


def _text(value) -> str:
    return ", ".join(_list(value))


def legacy_record(product: Product) -> dict:
    answers = _answers(product)
    laws, law_urls = _list(answers.get("applicable_laws")), _list(answers.get("privacy_evidence_urls"))
    countries = {"developed": [], "deployed": []}
    for country in product.countries.all():
        countries[country.kind].append(country.source_name)
    deployments = {"international": [], "government": [], "other": []}
    for organisation in product.deployment_organisations.all():
        deployments[organisation.kind].append(organisation.name)
    record = {
        "id": product.dpga_id or product.slug,
        "name": product.name,
        "dpgid": product.dpga_gid,
        "sectors": [sector.name for sector in product.sectors.all()],
        "stage": STAGE.get(product.status, product.status),
        "privacy": [
            {"privacyCompliance": law, "privacyComplianceURL": law_urls[index] if index < len(law_urls) else ""}
            for index, law in enumerate(laws or ([""] if law_urls else []))
        ],
        "organizations": [
            {"name": role.organisation.name, "website": role.website, "org_type": role.role}
            for role in product.organisation_roles.all()
        ],
        "platformIndependence": {
            "isPlatformIndependent": CHOICE_TEXT.get(answers.get("closed_dependencies"), "No"),
            "openAlternatives": _list(answers.get("open_alternatives")),
        },
        "aliases": product.aliases,
        "categories": [CATEGORY_OF_KEY.get(category.key, category.label) for category in product.categories.all()],
        "description": product.description,
        "website": product.website,
        "repositories": [{"name": repo.name, "url": repo.url} for repo in product.repositories.all()],
        "sdgs": {
            "sdg": [sdg_labels()[link.sdg_id] for link in product.sdg_links.all()],
            "relevance": product.sdg_relevance
            or "\n\n".join(link.relevance for link in product.sdg_links.all() if link.relevance),
        },
        "openlicenses": [
            {"openLicense": _as_given(statement), "openLicenseEvidenceURLs": ", ".join(statement.evidence_urls)}
            for statement in product.licence_statements.all()
        ],
        "clearOwnership": [
            {
                "clearOwnershipName": answers.get("owner_name", ""),
                "clearOwnershipURL": _text(answers.get("ownership_evidence_urls")),
            }
        ]
        if "owner_name" in answers or "ownership_evidence_urls" in answers
        else [],
        "documentation": _text(answers.get("documentation_urls")),
        "NonPII": {
            "collectsNonPII": CHOICE_TEXT.get(answers.get("uses_non_pii_data"), ""),
            "nonPIIAccessMechanism": answers.get("non_pii_extraction", ""),
        },
        "openStandards": _list(answers.get("standards")),
        "dataPrivacySecurity": {
            "collectsPII": PII_TEXT.get(answers.get("pii_handling"), ""),
            "typesOfPIIDataCollected": _list(answers.get("pii_types")),
            "dataPrivacySecurity": answers.get("pii_protection", ""),
        },
        "userContent": {
            "contentManagement": CONTENT_TEXT.get(answers.get("content_handling"), ""),
            "contentTypes": _list(answers.get("content_types")),
            "contentManagementPolicy": answers.get("content_policy", ""),
        },
        "protectionFromHarassment": {
            "facilitatesUserInteraction": CHOICE_TEXT.get(answers.get("user_interaction"), ""),
            "harassmentPolicy": _text(answers.get("harassment_protection_steps")),
        },
        "bestPractices": _list(answers.get("best_practices")),
        "deploymentOrganisations": deployments["international"],
        "deploymentCountriesDepartments": deployments["government"],
        "otherDeploymentOrganisations": deployments["other"],
        "awardsReceived": product.awards,
        "githubActivity": "",
        "dpgLink": product.status == Product.Status.DPG,
    }
    if countries["developed"] or countries["deployed"]:
        record["locations"] = {
            "developmentCountries": countries["developed"],
            "deploymentCountries": countries["deployed"],
        }
    return record


def _listing(status: str) -> JsonResponse:
    products = with_public_record(Product.objects.filter(status=status).order_by("sort_name", "id"))
    return JsonResponse(
        [legacy_record(product) for product in products], safe=False, json_dumps_params={"ensure_ascii": False}
    )


def _one(status: str, identifier: str):
    product = with_public_record(
        Product.objects.filter(status=status).filter(Q(dpga_id=identifier) | Q(slug=identifier))
    ).first()
    if product is None:
        return problem(404, "Not found", f"no {STAGE[status]} with id {identifier!r}")
    return JsonResponse(legacy_record(product), json_dumps_params={"ensure_ascii": False})


@require_GET
def dpgs(request):
    return _listing(Product.Status.DPG)


@require_GET
def nominees(request):
    return _listing(Product.Status.NOMINEE)


@require_GET
def dpg(request, identifier):
    return _one(Product.Status.DPG, identifier)


@require_GET
def nominee(request, identifier):
    return _one(Product.Status.NOMINEE, identifier)

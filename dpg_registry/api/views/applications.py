"""Applications and review over the API: the public trail of an application, and, for people signed
in, their applications, the reviewers' queue and asking for a repository check. Private answers and
contacts are never served."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.utils import check_csrf

from dpg_registry.accounts.roles import Role
from dpg_registry.accounts.selectors import roles_of
from dpg_registry.api import schemas
from dpg_registry.applications import selectors
from dpg_registry.applications.errors import (
    AnswerErrors,
    ApplicationError,
    CheckBudgetSpent,
    CheckPending,
    InvalidTransition,
)
from dpg_registry.applications.models import Application
from dpg_registry.applications.services import repository_checks
from dpg_registry.lib.problems import problem
from dpg_registry.lib.ratelimits import retry_after

router = Router(tags=["applications"])
PRIVATE = "private, no-store"


def _summary(application: Application) -> dict:
    return {
        "id": application.public_id,
        "name": application.name,
        "category": application.category.key,
        "state": application.state,
        "submitted_at": application.submitted_at,
        "decided_at": application.decided_at,
    }


def _signed_in(request: HttpRequest, *roles: str):
    """A problem response when the request may not read this, else None."""
    if not request.user.is_authenticated:
        return problem(401, "Sign-in required", "sign in to the registry; the API uses the same session")
    if roles and not roles_of(request.user) & set(roles):
        return problem(403, "Forbidden", "this needs the role " + " or ".join(roles))
    return None


@router.get("/applications/{public_id}", response={200: schemas.PublicApplication, 404: schemas.Problem},
            summary="An application's status, dates and public decision trail")
def application(request, public_id: schemas.Text, response: HttpResponse):
    found = (
        Application.objects.select_related("category", "standard_version", "product")
        .filter(public_id=public_id, submitted_at__isnull=False)
        .first()
    )
    if found is None:
        return problem(404, "Not found", f"no submitted application {public_id!r}")
    response["Cache-Control"] = "no-cache"
    return {
        **_summary(found),
        "standard_version": found.standard_version.version,
        "decision_reason": found.decision_reason,
        "product": found.product.slug if found.product and found.state == Application.State.DPG else None,
        "trail": selectors.public_trail(found),
    }


@router.get("/me/applications", response={200: list[schemas.ApplicationSummary], 401: schemas.Problem},
            summary="The applications the signed-in person can edit")
def my_applications(request, response: HttpResponse):
    refused = _signed_in(request)
    if refused:
        return refused
    response["Cache-Control"] = PRIVATE
    return [_summary(application) for application in selectors.applications_of(request.user)]


@router.get("/review/queue", response={200: schemas.ReviewQueue, 401: schemas.Problem, 403: schemas.Problem},
            summary="Applications waiting for L1 and L2 review (reviewers only)")
def review_queue(request, response: HttpResponse):
    refused = _signed_in(request, Role.L1, Role.L2, Role.ADMIN)
    if refused:
        return refused
    response["Cache-Control"] = PRIVATE
    return {
        "l1": [_summary(a) | {"late": selectors.is_late(a)} for a in selectors.queue("l1").select_related("category")],
        "l2": [_summary(a) | {"late": selectors.is_late(a)} for a in selectors.queue("l2").select_related("category")],
    }


class CheckRequest(Schema):
    repository: schemas.Text = ""
    autofill: bool = False


class CheckQueued(Schema):
    id: int
    target: str
    status: str


def _too_many(detail: str, seconds: int) -> HttpResponse:
    response = problem(429, "Too many requests", detail)
    response["Retry-After"] = str(max(seconds, 1))
    return response


@router.post("/applications/{public_id}/checks",
             response={202: CheckQueued, 401: schemas.Problem, 403: schemas.Problem, 404: schemas.Problem,
                       409: schemas.Problem, 429: schemas.Problem},
             summary="Ask for a check of the application's repository (its editors and reviewers)",
             description="The session's CSRF token goes in the X-CSRFToken header. At most one check of an "
                         "application waits or runs at a time: another request meanwhile is a 409, as is "
                         "`autofill` for an application that is no longer a draft. Beyond the rate limits, or "
                         "when the account's checks used up the day's time, a 429 with Retry-After.")
def request_check(request, public_id: schemas.Text, body: CheckRequest):
    refused = _signed_in(request)
    if refused:
        return refused
    if check_csrf(request):
        return problem(403, "Forbidden", "CSRF check failed: send the csrftoken cookie's value in X-CSRFToken")
    seconds = retry_after(request, "check")
    if seconds is not None:
        return _too_many(f"Wait {seconds} seconds before asking for another check.", seconds)
    application = Application.objects.filter(public_id=public_id).first()
    if application is None:
        return problem(404, "Not found", f"no application {public_id!r}")
    try:
        check = repository_checks.request_check(application=application, by=request.user,
                                                target=body.repository, autofill=body.autofill)
    except AnswerErrors as errors:
        first = errors.errors[0]
        return problem(400, "Invalid parameter", str(first), parameter=first.field)
    except CheckBudgetSpent as error:
        return _too_many(str(error), int((error.renews_at - timezone.now()).total_seconds()))
    except (CheckPending, InvalidTransition) as error:
        return problem(409, "Conflict", str(error))
    except ApplicationError as error:
        return problem(403, "Forbidden", str(error))
    return Status(202, {"id": check.pk, "target": check.target, "status": check.status})

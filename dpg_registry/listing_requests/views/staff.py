"""The staff's pages: the queue of owners' requests, a change's diff with its decision, a delisting's decision."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from dpg_registry.accounts.decorators import role_required
from dpg_registry.lib.validation import FieldError
from dpg_registry.listing_requests import selectors
from dpg_registry.listing_requests.errors import ListingRequestError
from dpg_registry.listing_requests.forms import ChangeDecisionForm, DelistingDecisionForm
from dpg_registry.listing_requests.models import ChangeRequest, DelistingRequest
from dpg_registry.listing_requests.services import changes, delisting

STAFF = selectors.CHANGE_REVIEWERS | selectors.DELISTING_DECIDERS


def _decide(form, decide) -> bool:
    """Run ``decide`` with the form's decision and reason; errors go on the form. True when decided."""
    if not form.is_valid():
        return False
    try:
        decide(form.cleaned_data["decision"], form.cleaned_data["reason"])
    except FieldError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
    except ListingRequestError as error:
        form.add_error(None, str(error))
    else:
        return True
    return False


@role_required(*STAFF)
def queue(request):
    return render(request, "listing_requests/queue.html", {
        "changes": selectors.changes_to_review(), "delistings": selectors.delistings_to_decide(),
        "may_delist": bool(selectors.acting_role(request.user, selectors.DELISTING_DECIDERS)),
    })


@role_required(*selectors.CHANGE_REVIEWERS)
def change(request, change_id):
    change = get_object_or_404(ChangeRequest.objects.select_related("product"), pk=change_id)
    form = ChangeDecisionForm(request.POST or None)
    if request.method == "POST" and _decide(form, lambda decision, reason: changes.decide_change(
            change=change, by=request.user, approve=decision == "approve", reason=reason)):
        messages.success(request, gettext("Change request %(id)s is decided.") % {"id": change.pk})
        return redirect("listing_requests:queue")
    diff = selectors.diff(change)
    return render(request, "listing_requests/review_change.html", {
        "change": change, "diff": diff, "form": form, "stale": any(row["stale"] for row in diff),
        "conflict": selectors.has_conflict(request.user, change.product, change.requested_by_id),
    }, status=400 if form.errors else 200)


@role_required(*selectors.DELISTING_DECIDERS)
def delisting_request(request, delisting_id):
    asked = get_object_or_404(DelistingRequest.objects.select_related("product"), pk=delisting_id)
    form = DelistingDecisionForm(request.POST or None)
    if request.method == "POST" and _decide(form, lambda decision, reason: delisting.decide_delisting(
            delisting=asked, by=request.user, confirm=decision == "confirm", reason=reason)):
        messages.success(request, gettext("Delisting request %(id)s is decided.") % {"id": asked.pk})
        return redirect("listing_requests:queue")
    return render(request, "listing_requests/review_delisting.html", {
        "delisting": asked, "form": form,
        "conflict": selectors.has_conflict(request.user, asked.product, asked.requested_by_id),
    }, status=400 if form.errors else 200)

"""The staff console: the review queue, people and their roles, listing corrections. Thin: forms in, services out."""


from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dpg_registry.accounts.decorators import role_required
from dpg_registry.accounts.roles import STAFF_ROLES, Role
from dpg_registry.accounts.selectors import roles_of
from dpg_registry.applications import selectors as application_selectors
from dpg_registry.applications.models import Application
from dpg_registry.console import selectors, services
from dpg_registry.console.errors import ConsoleError
from dpg_registry.console.forms import (
    ListingForm,
    ListingSearchForm,
    PeopleSearchForm,
    PriorityForm,
    QueueFilterForm,
    RoleChangeForm,
    TagForm,
)
from dpg_registry.console.models import ApplicationPriority
from dpg_registry.lib.validation import FieldError
from dpg_registry.listing_requests.fields import LABELS, as_lines
from dpg_registry.registry.models import Product

PAGE_SIZE = 25


def _page(request, template: str, context: dict):
    return render(request, template, {**context, "is_admin": Role.ADMIN in roles_of(request.user)})


def _actor(event) -> str:
    """The audit trail's pseudonym of who acted, in the reader's language."""
    if event.actor_id is None:
        return gettext("the registry")
    return gettext("account %(number)s") % {"number": event.actor_id}


def _field_errors(form) -> str:
    return "; ".join(f"{form.fields[field].label}: {' '.join(errors)}" for field, errors in form.errors.items())


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@role_required(*STAFF_ROLES)
def queue(request):
    form = QueueFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        found = Application.objects.none()  # the page names the fields to correct
    else:
        found = selectors.queue(form.filters() if form.is_bound else selectors.QueueFilters())
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    others = request.GET.copy()
    others.pop("page", None)
    can_sort = bool(roles_of(request.user) & services.SORTERS)
    rows = [{"application": application, "overdue": selectors.is_overdue(application),
             "assignee": selectors.assignee_of(application),
             "priority": ApplicationPriority.Level(application.priority)} for application in page]
    return _page(request, "console/queue.html", {
        "form": form, "page": page, "rows": rows, "query": others.urlencode(), "can_sort": can_sort,
        "priorities": ApplicationPriority.Level.choices, "tags": selectors.tags_in_use(),
        "workload": selectors.workload(), "stage_times": selectors.stage_times(),
        "window_days": selectors.STAGE_WINDOW_DAYS, "here": request.get_full_path(),
    })


def _application(public_id: str) -> Application:
    return get_object_or_404(Application, public_id=public_id)


@role_required(*services.SORTERS)
@require_POST
def add_tag(request, public_id):
    application = _application(public_id)
    form = TagForm(request.POST)
    if not form.is_valid():
        messages.error(request, _field_errors(form))
    else:
        try:
            tag = services.add_tag(application=application, name=form.cleaned_data["tag"], by=request.user)
        except (FieldError, ConsoleError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, gettext("%(id)s is tagged %(tag)s.") % {"id": public_id, "tag": tag.name})
    return _back(request, reverse("console:queue"))


@role_required(*services.SORTERS)
@require_POST
def remove_tag(request, public_id):
    application = _application(public_id)
    try:
        services.remove_tag(application=application, name=request.POST.get("tag", ""), by=request.user)
    except (FieldError, ConsoleError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("The tag is removed from %(id)s.") % {"id": public_id})
    return _back(request, reverse("console:queue"))


@role_required(*services.SORTERS)
@require_POST
def set_priority(request, public_id):
    application = _application(public_id)
    form = PriorityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _field_errors(form))
    else:
        try:
            services.set_priority(application=application, level=form.cleaned_data["priority"], by=request.user)
        except (FieldError, ConsoleError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, gettext("The priority of %(id)s is saved.") % {"id": public_id})
    return _back(request, reverse("console:queue"))


@role_required(Role.ADMIN)
def people(request):
    form = PeopleSearchForm(request.GET or None)
    term = form.cleaned_data["q"] if form.is_valid() else ""
    found = selectors.find_people(term) if term else selectors.staff_people()
    return _page(request, "console/people.html", {"form": form, "people": found, "term": term})


@role_required(Role.ADMIN)
def person(request, user_id):
    account = get_object_or_404(get_user_model(), pk=user_id)
    return _page(request, "console/person.html", {
        "account": account, "roles": [Role(role).label for role in sorted(roles_of(account) & STAFF_ROLES)],
        "work": selectors.open_work_of(account),
        "history": [{"event": event, "actor": _actor(event), "granted": event.action == "role.grant",
                     "role": Role((event.after if event.action == "role.grant" else event.before)["role"]).label}
                    for event in selectors.role_history(account)],
        "grant_form": RoleChangeForm(auto_id="grant_%s"), "revoke_form": RoleChangeForm(auto_id="revoke_%s"),
    })


def _change_role(request, user_id, change, done: str):
    account = get_object_or_404(get_user_model(), pk=user_id)
    form = RoleChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _field_errors(form))
    else:
        role = form.cleaned_data["role"]
        try:
            change(user=account, role=role, reason=form.cleaned_data["reason"], by=request.user)
        except FieldError as error:
            messages.error(request, f"{form.fields[error.field].label}: {error.message}")
        else:
            messages.success(request, done % {"email": account.email, "role": Role(role).label})
    return redirect("console:person", user_id)


@role_required(Role.ADMIN)
@require_POST
def grant(request, user_id):
    return _change_role(request, user_id, services.grant_role, gettext("%(email)s is now %(role)s."))


@role_required(Role.ADMIN)
@require_POST
def revoke(request, user_id):
    return _change_role(request, user_id, services.revoke_role, gettext("%(email)s is no longer %(role)s."))


@role_required(Role.ADMIN, Role.L2)
def renewals_with_no_owner(request):
    return _page(request, "console/renewals_with_no_owner.html",
                 {"rows": application_selectors.renewals_with_no_owner()})


@role_required(Role.ADMIN)
def listings(request):
    form = ListingSearchForm(request.GET or None)
    term = form.cleaned_data["q"] if form.is_valid() else ""
    return _page(request, "console/listings.html", {"form": form, "term": term,
                                                    "products": selectors.find_listings(term)})


@role_required(Role.ADMIN)
def listing(request, slug):
    product = get_object_or_404(Product, slug=slug)
    if request.method == "POST":
        form = ListingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                changed = services.edit_listing(product=product, name=data["name"], description=data["description"],
                                                website=data["website"], reason=data["reason"], by=request.user)
            except FieldError as error:
                form.add_error(error.field, error.message)
            else:
                messages.success(request, gettext("The listing is saved.") if changed
                                 else gettext("Nothing changed: the listing is as it was."))
                return redirect("console:listing", product.slug)
    else:
        form = ListingForm(initial={"name": product.name, "description": product.description,
                                    "website": product.website})
    labels = {**LABELS, **{name: field.label for name, field in ListingForm.base_fields.items()}}
    edits = [{"event": event, "actor": _actor(event),
              "changes": [(labels.get(field, field), "\n".join(as_lines(field, old)),
                           "\n".join(as_lines(field, event.after.get(field, ""))))
                          for field, old in event.before.items()]}
             for event in selectors.listing_edits(product)]
    return _page(request, "console/listing.html", {"product": product, "form": form, "edits": edits})

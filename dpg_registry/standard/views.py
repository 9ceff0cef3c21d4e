"""The Standard in public: each version held, indicator by indicator, and what changed between two versions."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from dpg_registry.standard import changes, selectors
from dpg_registry.standard.translations import translate


@require_GET
def current(request):
    version = selectors.current_version()
    if version is None:
        raise Http404("no version of the Standard is loaded")
    return _version_page(request, version)


@require_GET
def version(request, number: str):
    found = selectors.version_named(number)
    if found is None:
        raise Http404(f"no version {number} of the Standard")
    return _version_page(request, found)


def _version_page(request, version):
    return render(request, "standard/version.html", {
        "version": version,
        "versions": selectors.versions(),
        "earlier": selectors.earlier_version(version),
        "indicators": selectors.indicator_sheets(version),
        "licences": selectors.approved_licences_by_category(version),
        "notes": changes.version_notes(version.version),
    })


@require_GET
def changelog(request):
    numbers = [v.version for v in selectors.versions()]
    held = set(numbers) & set(changes.version_files())
    chosen = {"from": numbers[1] if len(numbers) > 1 else "", "to": numbers[0] if numbers else ""}
    errors = []
    for parameter in ("from", "to"):
        given = request.GET.get(parameter, chosen[parameter]).strip()
        if given not in held:
            errors.append(gettext("%(parameter)s: the registry holds no version “%(version)s” of the Standard; "
                                  "choose one of %(versions)s.")
                          % {"parameter": parameter, "version": given, "versions": ", ".join(numbers)})
        chosen[parameter] = given
    described = []
    if not errors:
        labels = {category.key: translate(category.label) for category in selectors.offered_categories()}
        found = changes.compare(changes.read_version(chosen["from"]), changes.read_version(chosen["to"]))
        described = [changes.describe(change, labels) for change in found]
    return render(request, "standard/changes.html", {
        "versions": numbers, "chosen": chosen, "errors": errors, "changes": described,
    }, status=400 if errors else 200)

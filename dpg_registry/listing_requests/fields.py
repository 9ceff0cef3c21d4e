"""The listing fields an owner may ask to change, named as forms and diffs show them, and their values as text."""

from django.utils.translation import gettext_lazy as _

from dpg_registry.registry.countries import country_name

# Name and owner organisation are not among them: those change through a renewal's review.
LABELS = {
    "description": _("Description"),
    "website": _("Website"),
    "repositories": _("Source code repositories"),
    "deployment_countries": _("Countries where it is deployed"),
    "deployment_organisations": _("Organisations that deploy it"),
}
LISTS = ("repositories", "deployment_countries", "deployment_organisations")


def as_lines(field: str, value) -> list[str]:
    """A field's value as the lines a person reads: countries by name (a name the registry could not match
    as the source wrote it)."""
    if field not in LISTS:
        return [value] if value else []
    if field == "deployment_countries":
        return [country_name(code) if len(code) == 2 else code for code in value]
    return list(value)

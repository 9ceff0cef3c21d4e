"""Pickers: fields whose value is chosen from a long list (countries, licences, products).

Each is a plain form control first: a ``<select>`` (several values with ``multiple``), or a text input with
a ``<datalist>`` of suggestions where the value is an expression (an SPDX licence expression). The script
``static/js/picker.js`` turns every control marked ``data-picker`` into a searchable list with type-ahead
(chosen values as chips), reading its words from the ``data-picker-*`` attributes set here. A form adopts a
picker with one field, e.g. ``countries = CountriesField(label=...)``.
"""

import unicodedata

import pycountry
from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from dpg_registry.lib.names import country_name

WORDS = {
    "data-picker": "",
    # "%(name)s" is replaced by the chosen value's name.
    "data-picker-remove": _("Remove %(name)s"),
    "data-picker-empty": _("Nothing matches"),
}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def country_choices() -> list[tuple[str, str]]:
    """Every ISO 3166-1 country as (alpha-2 code, name in the page's language), in the order of the names."""
    names = [(country.alpha_2, country_name(country.alpha_2)) for country in pycountry.countries]
    return sorted(names, key=lambda pair: _fold(pair[1]))


class PickerSelect(forms.Select):
    """One value from a list, searchable with the script."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({**WORDS, **(attrs or {})}, choices)


class PickerSelectMultiple(forms.SelectMultiple):
    """Several values from a list, searchable with the script, chosen values shown as chips."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({**WORDS, "size": 8, **(attrs or {})}, choices)


class SuggestionsInput(forms.TextInput):
    """A text input with a ``<datalist>`` of (value, name) suggestions; the script completes its last word."""

    def __init__(self, suggestions=(), attrs=None):
        super().__init__({**WORDS, "autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.suggestions = suggestions

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}-suggestions"
        attrs["list"] = list_id
        suggestions = self.suggestions() if callable(self.suggestions) else self.suggestions
        options = format_html_join("", '<option value="{}">{}</option>', suggestions)
        return format_html(
            '{}<datalist id="{}">{}</datalist>', super().render(name, value, attrs, renderer), list_id, options
        )


class CountryField(forms.ChoiceField):
    """One country, stored as its ISO 3166-1 alpha-2 code, shown by its name in the page's language."""

    widget = PickerSelect

    def __init__(self, **kwargs):
        super().__init__(choices=lambda: [("", "—"), *country_choices()], **kwargs)

    def valid_value(self, value) -> bool:
        return True  # the service that stores it names a code that is no country


class CountriesField(forms.MultipleChoiceField):
    """Countries, stored as ISO 3166-1 alpha-2 codes, shown by their names in the page's language."""

    widget = PickerSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            _(
                "Type a few letters of a country's name to find it. In a plain list, "
                "hold Ctrl (⌘ on a Mac) to choose several."
            ),
        )
        super().__init__(choices=country_choices, **kwargs)

    def valid_value(self, value) -> bool:
        return True  # the service that stores them names a value that is no country

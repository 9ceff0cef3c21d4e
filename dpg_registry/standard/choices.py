"""How the Standard's answer choices read: answers store codes ("yes", "collected_not_stored"), pages show these."""

from django.utils.translation import gettext_lazy as _

CHOICE_LABELS = {
    "yes": _("Yes"),
    "no": _("No"),
    "unknown": _("Unknown"),
    "academic": _("Academic institution"),
    "government": _("Government"),
    "individual": _("Individual"),
    "multilateral": _("Multilateral organisation"),
    "ngo": _("NGO"),
    "private": _("Private"),
    "other": _("Other"),
    "not_collected": _("Not collected"),
    "collected_not_stored": _("Collected, not stored"),
    "collected_stored_not_distributed": _("Collected and stored, not distributed"),
    "collected_stored_distributed": _("Collected, stored and distributed"),
}


def choice_label(code: str) -> str:
    """The choice in the current language; a code the Standard added later reads as its words."""
    label = CHOICE_LABELS.get(code)
    return str(label) if label is not None else code.replace("_", " ").capitalize()

"""Why each indicator of the Standard matters, in the registry's own words, by indicator code."""

from django.utils.translation import gettext_lazy as _

WHY_IT_MATTERS = {
    "1": _("A digital public good exists to help reach the Sustainable Development Goals; the link has to be shown, "
           "not assumed."),
    "2": _("Only an open licence lets anyone use, study, change and share the product without asking permission."),
    "3": _("Someone has to be able to grant the licence and answer for the product; unclear ownership makes reuse "
           "risky."),
    "4": _("A product that cannot run without a closed part is only as open as that part; adopters must not be "
           "locked in."),
    "5": _("Without documentation, an open product is open only to the people who built it."),
    "6": _("People who use the product must be able to take their non-personal data and content elsewhere."),
    "7": _("Public goods are used by governments and communities who must be able to trust them with the law."),
    "8": _("Open standards and good practices let the product work with others and be maintained by others."),
    "9": _("A product meant for the public good must not harm the people it serves."),
    "9a": _("Personal data can hurt the people it describes when it leaks or is misused."),
    "9b": _("A product that carries content can spread illegal or harmful material unless it is moderated."),
    "9c": _("Wherever people meet, some will abuse others; users, and under-age users most of all, need protection."),
}


def why_it_matters(code: str) -> str:
    text = WHY_IT_MATTERS.get(code)
    return str(text) if text is not None else ""

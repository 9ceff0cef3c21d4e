"""The eligibility check's short questions on indicators 3 to 9 of the DPG Standard, and what a failing answer means.

Indicators 1 and 2 have their own rules (SDGs with impact and breadth; the category's licence rule) in ``rules``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

YES_NO = (("yes", _("Yes")), ("no", _("No")))


@dataclass(frozen=True)
class IndicatorQuestion:
    field: str
    indicator: str
    label: str
    question: str
    fails_on: str  # the answer that keeps the product from qualifying
    problem: str
    fix: str
    choices: tuple = YES_NO


QUESTIONS = (
    IndicatorQuestion(
        "authorised", "3", _("Owner or authorised"),
        _("Are you the owner of the product or authorised by its owner?"), "no",
        _("Only the product's owner, or someone the owner authorises, can apply for it."),
        _("Ask the owner to apply, or to authorise you in writing; the application names the owner."),
    ),
    IndicatorQuestion(
        "ownership_documented", "3", _("Documented ownership"),
        _("Is it stated publicly who owns the product and what it produces (copyright notice, trademark, about "
          "page)?"), "no",
        _("Who owns the product and what it produces has to be stated and documented publicly."),
        _("Add a copyright notice naming the owner to the repository or the website."),
    ),
    IndicatorQuestion(
        "closed_dependencies", "4", _("Closed components"),
        _("Does it need a closed or more restrictive component that no open alternative can replace without major "
          "changes?"), "yes",
        _("A product that cannot work without a closed component is not independent of it."),
        _("Make the closed component optional or support an open alternative, and document how to switch."),
    ),
    IndicatorQuestion(
        "documented", "5", _("Documentation"),
        _("Is it documented well enough for a stranger to use it (install and run software, read the fields of "
          "data, open content, a model card for an AI model)?"), "no",
        _("Without documentation a capable stranger can follow, the product does not meet the Standard."),
        _("Publish the documentation, then link it in the application."),
    ),
    IndicatorQuestion(
        "data_export", "6", _("Data export"),
        _("If it holds non-personal data or content, can that be exported in an open, non-proprietary format?"), "no",
        _("Non-personal data and content held by the product have to be exportable in an open format."),
        _("Offer an export or an API in an open format such as CSV, JSON or XML."),
        choices=(("yes", _("Yes")), ("no", _("No")), ("none", _("It holds no such data or content"))),
    ),
    IndicatorQuestion(
        "privacy_laws", "7", _("Privacy and applicable laws"),
        _("Has the project taken steps to comply with privacy law and the other laws that apply where it is built "
          "and used?"), "no",
        _("The product has to be designed to comply with privacy law and the other laws that apply to it."),
        _("Find out which laws apply, publish a privacy policy and say how the product complies."),
    ),
    IndicatorQuestion(
        "open_standards", "8", _("Standards and best practices"),
        _("Does it follow relevant open standards or recognised best practices?"), "no",
        _("The product has to follow relevant open standards, best practices or principles."),
        _("Name the open standards and practices it follows, with links that show them in use."),
    ),
    IndicatorQuestion(
        "harm", "9", _("Do no harm"),
        _("Has the project taken steps to prevent harm: protecting any personal data it handles, moderating content "
          "it carries and protecting users from harassment?"), "no",
        _("The product has to be designed to anticipate and prevent harm to the people it serves."),
        _("Put in place and publish the safeguards that apply: data protection, content moderation, a code of "
          "conduct and a way to report abuse."),
    ),
)

"""The eligibility check's verdict: a pure reading of the answers against the current DPG Standard.

No request handling here, so the rules can be tested on their own. The impact × breadth rule, the
derived-work pillars and the licence rules follow the DPGA's published eligibility guidance; which licences
are approved comes from the current Standard's data through the same selector the review uses, so a new
Standard version needs no code change. Indicators 3 to 9 get one short question each (``indicators``).
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from dpg_registry.eligibility.indicators import QUESTIONS
from dpg_registry.standard.licences import parse_expression
from dpg_registry.standard.models import Category
from dpg_registry.standard.selectors import approved_licence_ids, current_version, indicator_url, unapproved_licences
from dpg_registry.standard.translations import translate

IMPACT = {
    "direct": _("Direct: people or institutions working on an SDG problem use it, or use what it produces"),
    "indirect": _(
        "Indirect: it mainly serves engineering or infrastructure; any SDG benefit comes several steps later"
    ),
}
BREADTH = {
    "high": _("High: many sectors or communities use it, including non-technical users"),
    "low": _("Low: it mainly serves a specialist technical audience"),
}
DERIVED_WORK = {
    "no": _("No, it is an original project"),
    "fork": _("A fork of another project"),
    "distribution": _("A distribution: a bundle or packaging of another project"),
    "vertical": _("A vertical build: a platform tailored to one sector or country"),
}
# What the outcome says of a derived work, by kind: one whole sentence each, so translations can agree in
# gender and number with the kind.
DERIVED_WITHOUT_PILLAR = {
    "fork": _(
        "A fork of another project that mainly changes branding, appearance or configuration is not a separate "
        "digital public good."
    ),
    "distribution": _(
        "A distribution that mainly changes branding, appearance or configuration is not a separate digital "
        "public good."
    ),
    "vertical": _(
        "A vertical build that mainly changes branding, appearance or configuration is not a separate digital "
        "public good."
    ),
}
DERIVED_WITH_PILLARS = {
    "fork": _("A fork of another project with a distinction of its own (%(pillars)s)."),
    "distribution": _("A distribution with a distinction of its own (%(pillars)s)."),
    "vertical": _("A vertical build with a distinction of its own (%(pillars)s)."),
}
OPEN_CREATIVE_COMMONS = ["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0"]
PILLARS = {
    "functional": _("Functional innovation: substantial features or APIs the parent does not have"),
    "sdg": _("Distinct SDG impact: it serves sectors, contexts or SDG targets the parent does not"),
    "independence": _("Operational independence: its own governance, maintainers, roadmap and releases"),
    "none": _("None of these: it mainly changes branding, appearance or configuration"),
}
PILLAR_NAMES = {
    "functional": _("Functional innovation"),
    "sdg": _("Distinct SDG impact"),
    "independence": _("Operational independence"),
}


class Severity(StrEnum):
    PASS = "pass"
    JUSTIFY = "justify"
    FAIL = "fail"


class Verdict(StrEnum):
    LIKELY = "likely-eligible"
    JUSTIFY = "with-justification"
    NOT_YET = "not-eligible-yet"


VERDICT_TEXT = {
    Verdict.LIKELY: (
        _("Likely eligible"),
        _(
            "Nothing in your answers stands in the way. Reviewers will still check every indicator of the "
            "DPG Standard against the evidence you give."
        ),
    ),
    Verdict.JUSTIFY: (
        _("Eligible only with a strong justification"),
        _("The product can qualify, but only if your application makes a convincing case for its societal value."),
    ),
    Verdict.NOT_YET: (
        _("Not eligible yet"),
        _("As answered, the product would not qualify. Each problem below says what would change that."),
    ),
}


@dataclass(frozen=True)
class Answers:
    category: str
    licence: str
    sdgs: tuple[int, ...]
    impact: str
    breadth: str
    is_developer_tool: bool
    # One answer per question of ``indicators.QUESTIONS``: "yes", "no" (or "none" for data export).
    authorised: str
    ownership_documented: str
    closed_dependencies: str
    documented: str
    data_export: str
    privacy_laws: str
    open_standards: str
    harm: str
    derived_work: str = "no"
    pillars: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reason:
    code: str
    text: str
    fix_url_or_hint: str = ""
    severity: Severity = Severity.PASS
    fix_label: str = ""  # link text when the fix is a URL
    indicator: str = ""  # the code of the Standard's indicator the reason is about

    @property
    def fix_is_url(self) -> bool:
        return self.fix_url_or_hint.startswith(("/", "https://"))

    @property
    def indicator_url(self) -> str:
        return indicator_url(self.indicator) if self.indicator else ""


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    category: str
    reasons: list[Reason] = field(default_factory=list)

    @property
    def title(self) -> str:
        return VERDICT_TEXT[self.verdict][0]

    @property
    def summary(self) -> str:
        return VERDICT_TEXT[self.verdict][1]

    @property
    def eligible(self) -> bool:
        return self.verdict != Verdict.NOT_YET


_ORDER = [Severity.FAIL, Severity.JUSTIFY, Severity.PASS]


def assess(answers: Answers) -> Outcome:
    """Every reason for or against eligibility, problems first. The licence must be a valid SPDX expression."""
    reasons = [
        *_licence_reasons(answers),
        _sdg_reason(answers),
        _impact_reason(answers),
        *_derived_reasons(answers),
        *_indicator_reasons(answers),
    ]
    reasons.sort(key=lambda reason: _ORDER.index(reason.severity))
    severities = {reason.severity for reason in reasons}
    if Severity.FAIL in severities:
        verdict = Verdict.NOT_YET
    elif Severity.JUSTIFY in severities:
        verdict = Verdict.JUSTIFY
    else:
        verdict = Verdict.LIKELY
    return Outcome(verdict=verdict, category=answers.category, reasons=reasons)


def _licence_reasons(answers: Answers) -> list[Reason]:
    expression, _identifiers = parse_expression(answers.licence)
    version = current_version()
    category = Category.objects.get(key=answers.category)
    category_label = translate(category.label)
    approved = approved_licence_ids(version, category.key)
    standard = gettext("DPG Standard %(version)s") % {"version": version.version} if version else gettext(
        "the DPG Standard"
    )
    blocking = unapproved_licences(version=version, category_key=category.key, expression=expression)
    if not blocking:
        text = gettext("%(licence)s is approved for %(category)s in %(standard)s.")
        return [Reason("licence", text % {"licence": expression, "category": category_label, "standard": standard},
                       indicator="2")]
    approved_list = {
        "fix_url_or_hint": f"{reverse('standard:current')}#licences-{category.key}",
        "fix_label": gettext("The licences approved for %(category)s") % {"category": category_label},
    }
    # Restricted Creative Commons works are pointed at the open variants, where this category accepts them.
    open_variants = [spdx_id for spdx_id in OPEN_CREATIVE_COMMONS if spdx_id in approved]
    restricted_fix = approved_list
    if open_variants:
        restricted_fix = {
            "fix_url_or_hint": gettext("Relicense under %(licences)s: each allows commercial reuse and adaptation.")
            % {"licences": get_text_list(open_variants, gettext("or"))}
        }
    reasons, others = [], []
    for spdx_id in blocking:
        terms = spdx_id.split("-") if spdx_id.startswith("CC-") else []
        if "ND" in terms:
            text = gettext(
                "%(licence)s forbids adapted versions. A digital public good must be free to change and "
                "redistribute, so no-derivatives licences are never approved."
            ) % {"licence": spdx_id}
            reasons.append(
                Reason("licence-no-derivatives", text, severity=Severity.FAIL, indicator="2", **restricted_fix)
            )
        elif "NC" in terms:
            text = gettext(
                "%(licence)s forbids commercial reuse, and %(standard)s does not approve non-commercial licences."
            ) % {"licence": spdx_id, "standard": standard}
            reasons.append(
                Reason("licence-non-commercial", text, severity=Severity.FAIL, indicator="2", **restricted_fix)
            )
        else:
            others.append(spdx_id)
    if others:
        text = ngettext(
            "%(licences)s is not approved for %(category)s in %(standard)s. Relicense, or offer an approved licence "
            "as an alternative with OR.",
            "%(licences)s are not approved for %(category)s in %(standard)s. Relicense, or offer an approved "
            "licence as an alternative with OR.",
            len(others),
        ) % {"licences": get_text_list(others, gettext("and")), "category": category_label, "standard": standard}
        reasons.append(Reason("licence-not-approved", text, severity=Severity.FAIL, indicator="2", **approved_list))
    return reasons


def _sdg_reason(answers: Answers) -> Reason:
    if not answers.sdgs:
        return Reason(
            "sdgs",
            gettext("No Sustainable Development Goal chosen: a DPG has to show relevance to at least one."),
            gettext("Tick every SDG the product advances; the application then asks for evidence for each."),
            Severity.FAIL,
            indicator="1",
        )
    numbers = ", ".join(str(number) for number in sorted(answers.sdgs))
    return Reason("sdgs", gettext("Relevant to SDG %(numbers)s.") % {"numbers": numbers}, indicator="1")


def _impact_reason(answers: Answers) -> Reason:
    tool = answers.is_developer_tool
    if answers.impact == "direct":
        text = gettext("Direct impact on SDG outcomes: the product qualifies whatever its breadth.")
        if tool:
            text += " " + gettext(
                "For a developer tool, the application has to show how what its users build serves SDG targets."
            )
        return Reason("impact-breadth", text, indicator="1")
    if answers.breadth == "high":
        text = gettext(
            "Indirect impact with high breadth: the product can qualify if it underpins SDG-related work at scale, "
            "but that is not self-evident."
        )
        if tool:
            text += " " + gettext(
                "Developer tools normally count as low breadth, so reviewers will want proof that its reach goes "
                "well beyond engineering teams."
            )
        return Reason(
            "impact-breadth",
            text,
            gettext(
                "In the application, name the SDG targets it supports, who ends up benefiting, and documented "
                "adoption by governments, NGOs or other public-interest users."
            ),
            Severity.JUSTIFY,
            indicator="1",
        )
    text = gettext(
        "Indirect impact and low breadth: the product neither serves SDG outcomes directly nor reaches a wide, "
        "varied audience, and the impact × breadth rule needs at least one of the two."
    )
    if tool:
        text += " " + gettext(
            "Libraries, SDKs, plugins, frameworks and compilers mainly serve developers, so they count as low breadth "
            "unless you can show wide use outside engineering."
        )
    return Reason(
        "impact-breadth",
        text,
        gettext(
            "If the product serves SDG-affected people directly, or is widely used outside engineering, change that "
            "answer and be ready to prove it. Otherwise, consider applying with an SDG-focused product built on it."
        ),
        Severity.FAIL,
        indicator="1",
    )


def _derived_reasons(answers: Answers) -> list[Reason]:
    if answers.derived_work == "no":
        return []
    pillars = [pillar for pillar in answers.pillars if pillar != "none"]
    if not pillars:
        return [
            Reason(
                "derived-work",
                str(DERIVED_WITHOUT_PILLAR[answers.derived_work]),
                gettext(
                    "Contribute your changes to the parent project, or ask to be listed as an implementer of it. "
                    "Apply on your own once the project adds real features, serves SDG targets the parent does not, "
                    "or has its own governance."
                ),
                Severity.FAIL,
            )
        ]
    named = ", ".join(str(PILLAR_NAMES[pillar]) for pillar in pillars)
    text = DERIVED_WITH_PILLARS[answers.derived_work] % {"pillars": named}
    return [
        Reason(
            "derived-work",
            text
            + " "
            + gettext(
                "One strong pillar is enough; the application should show exactly what the parent project cannot "
                "do in its default state."
            ),
        )
    ]


def _indicator_reasons(answers: Answers) -> list[Reason]:
    """A problem for each answer that would keep the product from meeting indicators 3 to 9."""
    return [
        Reason(question.field, str(question.problem), str(question.fix), Severity.FAIL, indicator=question.indicator)
        for question in QUESTIONS
        if getattr(answers, question.field) == question.fails_on
    ]

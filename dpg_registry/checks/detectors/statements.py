"""When a project's own answers in dpg.json state an indicator met.

Much of the Standard (relevance to the goals, privacy, do no harm) cannot be read from files, so a
project answers for itself. Its answers state an indicator met when every required question of the
indicator is answered for the category, the answers say what the indicator asks for (the
requirements below, one per indicator), and at least one of them names a file of the repository as
evidence, which a reviewer can open at the checked commit. That is reported as met with medium
confidence: the claim is the project's, the evidence is there to check. The licence (2) is left to
the licence files, which say more than a statement can.
"""

from collections.abc import Callable

from dpg_registry.checks.model import Confidence, Evidence, Finding, Status

Answers = dict[str, object]

REQUIREMENTS: dict[str, tuple[str, Callable[[Answers], bool]]] = {
    "1": ("serves named goals, and how", lambda a: bool(a.get("sdgs") and a.get("sdg_relevance"))),
    "3": ("documents who owns it, and holds the rights to every part or says under which rights the rest is "
          "redistributed",
          lambda a: a.get("ownership_documented") == "yes"
          and (a.get("owns_all_assets") == "yes" or bool(a.get("redistribution_rights")))),
    "4": ("has no mandatory closed dependency, or open alternatives for each",
          lambda a: a.get("closed_dependencies") == "no" or a.get("open_alternatives_exist") == "yes"),
    "5": ("has documentation", lambda a: a.get("documentation_available") == "yes"),
    "6": ("lets its non-personal data be extracted in open formats",
          lambda a: a.get("uses_non_pii_data") == "no" or a.get("non_pii_extraction_available") == "yes"),
    "7": ("complies with the privacy and other laws that apply", lambda a: a.get("privacy_compliant") == "yes"),
    "8": ("follows standards and best practices",
          lambda a: a.get("supports_standards") == "yes" and a.get("follows_best_practices") == "yes"),
    "9a": ("collects no personal data, or protects what it collects",
           lambda a: a.get("pii_handling") == "not_collected" or a.get("pii_protected") == "yes"),
    "9b": ("collects no content from users, or has a content policy and a process for illegal content",
           lambda a: a.get("content_handling") == "not_collected"
           or bool(a.get("content_policy") and a.get("illegal_content_process"))),
    "9c": ("lets users not interact, or protects them from harassment",
           lambda a: a.get("user_interaction") == "no" or a.get("harassment_protection") == "yes"),
}


def statement(code: str, questions: list[dict], answers: Answers, files: dict[str, list[str]],
              source: Evidence, category: str) -> Finding | None:
    """The finding for an indicator the project answered in full, or None while a required answer is missing.

    ``questions`` are the indicator's questions, ``answers`` the project's valid answers by key and
    ``files`` the evidence files of each answer that exist in the tree.
    """
    if code not in REQUIREMENTS:
        return None
    applicable = [q for q in questions if category in q["categories"]]
    if any(q["required"] and q["key"] not in answers for q in applicable):
        return None
    asks, holds = REQUIREMENTS[code]
    mine = {q["key"]: answers[q["key"]] for q in applicable if q["key"] in answers}
    stated = {key: value for key, value in mine.items() if isinstance(value, str) and _is_choice(questions, key)}
    cited = list(dict.fromkeys(path for key in mine for path in files.get(key, [])))
    if not holds(mine):
        return Finding(code, Status.NEEDS_PERSON, Confidence.MEDIUM,
                       f"{source.path} answers this indicator's questions, but not in a way that shows the product "
                       f"{asks}; a person decides.", "metadata", [source])
    if not cited:
        return Finding(code, Status.NEEDS_PERSON, Confidence.MEDIUM,
                       f"{source.path} states that the product {asks}, but names no file of the repository as "
                       "evidence (evidence_files), so a person checks the claim.", "metadata", [source])
    return Finding(code, Status.MET, Confidence.MEDIUM,
                   f"{source.path} states that the product {asks}, with evidence in the repository: "
                   f"{', '.join(cited[:5])}{' and more' if len(cited) > 5 else ''}.",
                   "metadata", [source, *[Evidence(path=path) for path in cited[:9]]], stated=stated)


def _is_choice(questions: list[dict], key: str) -> bool:
    return any(q["key"] == key and q["answer_type"] == "choice" for q in questions)

"""Indicators 7 (privacy and applicable laws), 9a (data privacy and security), 9b (inappropriate and illegal
content) and 9c (protection from harassment): policy documents, and what the documentation says.

A policy in a repository shows that the project thought about the question, not that the product
complies, so every finding here asks a person (needs_person); the confidence says how much the
evidence gives that person to work with.
"""

import re

from dpg_registry.checks.model import Confidence, Finding, Outcome, Status
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.text import (
    MAX_EVIDENCE,
    documents_matching,
    evidence,
    first_line,
    join,
    lines_matching,
    mentions,
    own_files,
    read_documents,
    source_files,
    suffix,
    text_of,
)
from dpg_registry.checks.tree import FileEntry, Tree
from dpg_registry.lib.records import Record

NAME = "policies"
CONDUCT = ("code_of_conduct", "code-of-conduct")  # codes of conduct speak of abuse and harassment by design
POLICY_SUFFIXES = ("", ".md", ".markdown", ".rst", ".txt", ".adoc", ".html", ".htm", ".pdf")
# A web application's policy is one of its pages: a server-side template, named like the document.
PAGE_ENDINGS = (".html.erb", ".html.twig", ".twig.html", ".blade.php", ".erb", ".jsp", ".twig", ".html", ".htm")
# The privacy policy by its whole name ("privacy", "privacy-policy", "PrivacyNotice"), not a name that merely
# holds the word: "display_privacy_policies" is the feature that shows a policy, "Privacy-Security" a guide.
# A language tag may follow ("privacy-policy.fr", "privacy_notice-pt_br").
_PRIVACY_NAME = lazy(
    r"(?:data[-_ ]?)?privacy(?:[-_ ]?(?:policy|policies|notice|statement))?(?:[-_.][a-z]{2}(?:[-_][a-z]{2})?)?"
)
# A page has a heading or a title; a fragment (a cookie banner, a partial) that links a policy has neither.
_HEADING = lazy(r"<h[1-3][\s>]|<title[\s>]|:title>", re.I)

DOCUMENTS = {
    "privacy policy": lazy(r"privacy"),  # and the whole name, see _is_policy
    "terms of use": lazy(r"^(?:terms|tos\b|eula\b)|terms[-_ ]of[-_ ](?:use|service)|^legal"),
    "code of conduct": lazy(r"code[-_ ]?of[-_ ]?conduct|^coc\.md$"),
    "security policy": lazy(r"^security(?:\.\w+)?$|security[-_]policy"),
    "content policy": lazy(
        r"moderation|community[-_ ]?(?:guidelines|standards|rules)|content[-_ ]?(?:policy|guidelines)|"
        r"acceptable[-_ ]?use|abuse|trust[-_ ](?:and|&)[-_ ]safety"
    ),
    "safeguarding policy": lazy(r"safeguarding|child[-_ ]?(?:protection|safety)|minors|age[-_ ]verification"),
}
LAWS = {
    "GDPR": r"\bGDPR\b|General Data Protection Regulation", "HIPAA": r"\bHIPAA\b", "CCPA": r"\bCCPA\b|\bCPRA\b",
    "LGPD": r"\bLGPD\b", "POPIA": r"\bPOPIA\b", "PIPEDA": r"\bPIPEDA\b", "DPDP Act": r"\bDPDP\b",
    "COPPA": r"\bCOPPA\b", "FERPA": r"\bFERPA\b", "NDPA/NDPR (Nigeria)": r"\bNDP[AR]\b",
    "Data Protection Act": r"\bData Protection Act\b", "UK GDPR": r"\bUK GDPR\b",
}
_LAWS = lazy("|".join(f"(?P<law{index}>{pattern})" for index, pattern in enumerate(LAWS.values())))
_PERSONAL = lazy(
    r"personal data|personally identifiable|\bPII\b|personal information|data subjects?\b|sensitive data", re.I
)
_PROTECTION = lazy(r"\bencrypt\w*|anonymi[sz]\w*|pseudonymi[sz]\w*|de-identif\w*|data retention", re.I)
_MODERATION = lazy(
    r"\bmoderat(?:e|ion|or)s?\b|inappropriate content|illegal content|content polic\w*|take-?down|"
    r"report(?:ing)? content",
    re.I,
)
_HARASSMENT = lazy(r"harass\w*|report(?:ing)? abuse|block(?:ing)? (?:a )?users?|report(?:ing)? (?:a )?user", re.I)
_CHILDREN = lazy(
    r"child(?:ren)?'?s? (?:protection|safety|safeguarding)|under-?age|\bminors\b|age verification", re.I
)
# What the documents are searched for: one pass of RE2 over each says which of them it may hold.
_DOC_PATTERNS = (_LAWS, _PERSONAL, _PROTECTION, _MODERATION, _HARASSMENT, _CHILDREN)
_COVENANT = lazy(r"contributor covenant|citizen code of conduct|django code of conduct|mozilla community", re.I)
_REPORTING = lazy(r"\benforcement\b|\breport(?:ing|ed)?\b.*\b(?:to|at|by)\b|\bcontact\b", re.I)
# Source files named for moderation or for blocking and reporting users: the product acts, not only its policy.
_MODERATION_CODE = lazy(r"moderat|profanity|abuse|spam|flagg?ed|report_content|content_filter")
_HARASSMENT_CODE = lazy(r"block_?user|blocked_?users|report_?user|mute_?user")


def _page_ending(entry: FileEntry) -> str | None:
    if not entry.lower_name.endswith(PAGE_ENDINGS):  # one call in C for the many files that are not pages
        return None
    return next((ending for ending in PAGE_ENDINGS if entry.lower_name.endswith(ending)), None)


def _is_policy(tree: Tree, entry: FileEntry, kind: str, page: str | None) -> bool:
    if kind == "privacy policy":
        stem = entry.lower_name.removesuffix(page or suffix(entry))
        if not _PRIVACY_NAME.fullmatch(stem):
            return False
    elif entry.depth > 3:  # only the privacy policy, named in full, is looked for among deep templates
        return False
    if page is None:
        return True
    return bool(_HEADING.search(text_of(tree, entry) or ""))  # read only for the few pages named like a policy


def _policy_files(tree: Tree) -> dict[str, list[FileEntry]]:
    found = {}
    for entry in own_files(tree):
        page = _page_ending(entry)
        if page is None and (entry.depth > 3 or suffix(entry) not in POLICY_SUFFIXES):
            continue
        for kind, pattern in DOCUMENTS.items():
            if pattern.search(entry.lower_name) and _is_policy(tree, entry, kind, page):
                found.setdefault(kind, []).append(entry)
    return found


class Seen(Record):
    """What the detector reads once and every indicator looks at."""

    tree: Tree
    files: dict  # kind of policy → the files of that kind
    docs: dict  # each pattern of the project's prose → the (entry, text) of the documents where it may match
    sources: list  # source files, by name only

    def named(self, *kinds: str) -> list:
        return [evidence(entry) for kind in kinds for entry in self.files.get(kind, [])][:MAX_EVIDENCE]

    def code(self, pattern: re.Pattern) -> list:
        return [evidence(entry) for entry in self.sources if pattern.search(entry.lower_name)][:MAX_EVIDENCE]


def _laws(docs: list) -> tuple[list[str], list]:
    names, places = [], []
    for entry, text in docs:
        for line in lines_matching(text, _LAWS, limit=5):
            for match in _LAWS.finditer(line.text):
                law = list(LAWS)[int(match.lastgroup.removeprefix("law"))]
                if law not in names:
                    names.append(law)
            if len(places) < MAX_EVIDENCE:
                places.append(evidence(entry, line.number, line.text))
    return names, places


def _finding(indicator: str, explanation: str, found: list, strong: bool, key: str, value=None) -> Finding:
    confidence = Confidence.MEDIUM if strong else Confidence.LOW
    return Finding(indicator, Status.NEEDS_PERSON, confidence, explanation, NAME, found[:MAX_EVIDENCE], key, value)


def _privacy(seen: Seen) -> list[Finding]:
    laws, law_places = _laws(seen.docs[_LAWS])
    documents_found = [kind for kind in ("privacy policy", "terms of use") if kind in seen.files]
    if documents_found or laws:
        said = []
        if documents_found:
            said.append(f"the repository has a {' and '.join(documents_found)}")
        if laws:
            said.append(f"its documentation names {join(laws)}")
        explanation = (f"On privacy and the law, {' and '.join(said)}. A document does not show compliance: a "
                       "person needs to check what the project does to comply.")
    else:
        explanation = ("No privacy policy, terms of use or mention of a data-protection law was found. The product "
                       "may still comply; a person needs to ask what the project did.")
    found = seen.named("privacy policy", "terms of use") + law_places
    findings = [_finding("7", explanation, found, bool(documents_found), "privacy_compliant")]
    if laws:
        findings.append(_finding(
            "7", f"Laws named in the documentation, as a starting point for the list of laws: {join(laws)}.",
            law_places, False, "applicable_laws", laws,
        ))
    return findings


def _data_security(seen: Seen) -> list[Finding]:
    findings = []
    personal = mentions(seen.docs[_PERSONAL], _PERSONAL, skip=("privacy", *CONDUCT))
    protection = mentions(seen.docs[_PROTECTION], _PROTECTION)
    if personal:
        findings.append(_finding(
            "9a", "The documentation mentions personal data, so the product may collect, store or share it; a "
            "person needs to check which data and how it is protected.", personal, True, "collects_pii",
        ))
    policy = seen.named("security policy")
    if policy or protection:
        said = []
        if policy:
            said.append("a security policy says how to report vulnerabilities")
        if protection:
            said.append("the documentation describes protective measures (encryption, anonymisation, retention)")
        findings.append(_finding(
            "9a", f"On data security, {' and '.join(said)}. A person needs to judge whether personal data is "
            "protected in practice.", policy + protection, bool(policy), "pii_protected",
        ))
    if not findings:
        findings.append(_finding(
            "9a", "No security policy and no mention of personal data or its protection was found.", [], False,
            "collects_pii",
        ))
    return findings


def _content(seen: Seen) -> Finding:
    policy = seen.named("content policy")
    code = seen.code(_MODERATION_CODE)
    documented = mentions(seen.docs[_MODERATION], _MODERATION, skip=CONDUCT)
    if not (policy or code or documented):
        return _finding("9b", "No content policy, community guidelines or moderation feature was found. If the "
                        "product lets people publish content, a person needs to ask how inappropriate or illegal "
                        "content is handled.", [], False, "content_policy")
    said = [what for what, present in (("content or community guidelines", policy),
                                       ("source files for moderation or filtering", code),
                                       ("documentation about moderation", documented)) if present]
    return _finding("9b", f"The project has {join(said)}. A person needs to check how inappropriate and illegal "
                    "content is identified, reported and removed.", policy + code + documented, bool(policy or code),
                    "content_policy")


def _harassment(seen: Seen) -> list[Finding]:
    conduct = seen.files.get("code of conduct", [])
    found, said = seen.named("code of conduct"), []
    if conduct:
        text = text_of(seen.tree, conduct[0])
        model = first_line(text, _COVENANT)
        reporting = first_line(text, _REPORTING)
        said.append("a code of conduct" + (f" (based on {model.match.group(0)})" if model else "")
                    + (" that says how to report a breach" if reporting else ""))
        found += [evidence(conduct[0], line.number, line.text) for line in (model, reporting) if line]
    code = seen.code(_HARASSMENT_CODE)
    documented = mentions(seen.docs[_HARASSMENT], _HARASSMENT, skip=CONDUCT)
    if code:
        said.append("source files for blocking or reporting users")
    if documented:
        said.append("documentation about harassment, blocking or reporting")
    if said:
        findings = [_finding(
            "9c", f"The project has {join(said)}. A code of conduct protects contributors; a person needs to "
            "check how users of the product are protected.", found + code + documented, bool(conduct or code),
            "harassment_protection",
        )]
    else:
        findings = [_finding("9c", "No code of conduct and no feature for blocking or reporting users was found.",
                             [], False, "harassment_protection")]
    children = seen.named("safeguarding policy") + mentions(seen.docs[_CHILDREN], _CHILDREN)
    if children:
        findings.append(_finding(
            "9c", "The project addresses under-age users or safeguarding; a person needs to check what it does.",
            children, bool(seen.files.get("safeguarding policy")), "underage_safety",
        ))
    return findings


def detect(tree: Tree, category: str) -> Outcome:
    docs = dict(zip(_DOC_PATTERNS, documents_matching(read_documents(tree), _DOC_PATTERNS), strict=True))
    seen = Seen(tree, _policy_files(tree), docs, source_files(tree))
    return Outcome(findings=[*_privacy(seen), *_data_security(seen), _content(seen), *_harassment(seen)])

"""What a project says about itself: its ``dpg.json`` (answers to the Standard's questions) and ``publiccode.yml``.

Each stated answer is a claim, so its finding asks a person to confirm it (needs_person) while
carrying the value for autofill; an indicator answered in full, with evidence files that exist,
is stated met (see ``_statements``). ``dpg.json`` is checked against ``schemas/dpg.schema.json``,
narrowed at run time to the questions of the current Standard and the shape each one expects;
every error names its JSON path. From ``publiccode.yml`` only product facts are taken: the
maintenance and contacts sections hold people's names and e-mail addresses and are never read.
"""

import json
import re
from functools import cache
from pathlib import Path

from dpg_registry.checks import standard
from dpg_registry.checks.detectors.statements import statement
from dpg_registry.checks.model import Confidence, Evidence, Finding, LicenceHit, Outcome, Status
from dpg_registry.checks.text import (
    MAX_EVIDENCE,
    evidence,
    excerpt,
    get,
    join,
    parse,
    unreadable,
    without_emails,
)
from dpg_registry.checks.tree import FileEntry, Tree

NAME = "metadata"
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schemas" / "dpg.schema.json"
DPG_JSON_LIMIT = 512_000
PUBLICCODE_LIMIT = 256_000
MAX_ERRORS = 20  # a file with more errors than this is wrong throughout; the first ones show how
FILE_LEVEL = ""  # the indicator of findings about a metadata file as a whole rather than one question

VALUE_SHAPES = {
    "text": {"type": "string"},
    "text_list": {"type": "array", "items": {"type": "string"}},
    "url_list": {"type": "array", "items": {"$ref": "#/$defs/url"}},
    "sdg_list": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 17}, "uniqueItems": True},
    "country_list": {"type": "array", "items": {"type": "string", "minLength": 2}},
    "spdx_expression": {"type": "string", "minLength": 1},
}


@cache
def questions() -> dict[str, tuple[str, dict]]:
    """Each question key of the current Standard, with its indicator code and the question itself."""
    return {
        question["key"]: (indicator["code"], question)
        for indicator in standard.current()["indicators"] for question in indicator["questions"]
    }


@cache
def validator():
    """The dpg.json schema narrowed to the current Standard's questions (jsonschema is loaded only for a dpg.json)."""
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))  # a new object: narrowing it changes no other
    answers = schema["properties"]["answers"]
    answers["properties"] = {
        key: {"allOf": [{"$ref": "#/$defs/answer"}, {"properties": {"value": _value_shape(question)}}]}
        for key, (_, question) in questions().items()
    }
    answers["additionalProperties"] = False
    return Draft202012Validator(schema)


def _value_shape(question: dict) -> dict:
    if question["answer_type"] == "choice":
        return {"enum": question["choices"]}
    return VALUE_SHAPES.get(question["answer_type"], {})


def _line(text: str, key: str) -> int | None:
    """The line where a key is written (the first time), for JSON and YAML alike."""
    match = re.search(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _error_message(error) -> str:
    if error.validator == "additionalProperties" and list(error.absolute_path) == ["answers"]:
        unknown = sorted(set(error.instance) - set(questions()))
        return f"{join(unknown)} {'is not a question' if len(unknown) == 1 else 'are not questions'} of the DPG " \
               f"Standard {standard.version()}"
    return error.message if len(error.message) <= 300 else error.message[:299] + "…"


def _schema_errors(entry: FileEntry, data: object, text: str) -> tuple[list[Finding], set[str]]:
    """Findings for the errors of a dpg.json, and the question keys whose answers are wrong."""
    errors = sorted(validator().iter_errors(data), key=lambda error: list(map(str, error.absolute_path)))
    findings, broken = [], set()
    for error in errors[:MAX_ERRORS]:
        path = list(error.absolute_path)
        key = path[1] if len(path) >= 2 and path[0] == "answers" and isinstance(path[1], str) else None
        if key:
            broken.add(key)
        # The line of the answer (or of the top-level field) is the nearest a key search can find reliably.
        line = _line(text, key or str(path[0])) if path else 1
        findings.append(Finding(
            indicator=questions()[key][0] if key in questions() else FILE_LEVEL,
            status=Status.NEEDS_PERSON,
            confidence=Confidence.HIGH,
            explanation=f"{entry.path} does not follow its schema at {error.json_path}: {_error_message(error)}.",
            detector=NAME,
            evidence=[evidence(entry, line)],
            question_key=key if key in questions() else None,
        ))
    if len(errors) > MAX_ERRORS:
        findings.append(Finding(FILE_LEVEL, Status.NEEDS_PERSON, Confidence.HIGH,
                                f"{entry.path} has {len(errors) - MAX_ERRORS} more schema errors.", NAME,
                                [evidence(entry)]))
    return findings, broken


def _shown(value: object) -> str:
    if isinstance(value, list):
        return join([str(item) for item in value], 12)
    return str(value)


def _dpg_json(tree: Tree, entry: FileEntry, category: str) -> Outcome:
    parsed = parse(tree, entry, "json", DPG_JSON_LIMIT)
    if not parsed.ok:
        return Outcome(findings=[unreadable(FILE_LEVEL, NAME, entry, parsed.problem, "metadata file")])
    findings, broken = _schema_errors(entry, parsed.data, parsed.text)
    outcome = Outcome(findings=findings)
    stated = get(parsed.data, "category")
    if isinstance(stated, str) and stated != category:
        findings.append(Finding(
            FILE_LEVEL, Status.NEEDS_PERSON, Confidence.HIGH,
            f"{entry.path} describes the product as {stated}, but it is being checked as {category}.", NAME,
            [evidence(entry, _line(parsed.text, "category"))],
        ))
    answers = get(parsed.data, "answers")
    stated, files = {}, {}
    present = {file.path for file in tree.files}
    for key, answer in (answers.items() if isinstance(answers, dict) else []):
        if key in broken or key not in questions():
            continue
        code, question = questions()[key]
        value = answer["value"]
        cited = answer.get("evidence_files") or []
        # "Where is it?" (a list of addresses) is also answered by files of the repository itself.
        if value in (None, "", []) and not (cited and question["answer_type"] == "url_list"):
            continue
        justification = answer.get("justification")
        urls = [url for url in answer.get("evidence_urls") or [] if isinstance(url, str)]
        files[key] = [path for path in cited if path in present]
        findings += [_missing_file(entry, parsed.text, code, key, index, path)
                     for index, path in enumerate(cited) if path not in present]
        applies = category in question["categories"]
        if applies:
            stated[key] = value
        findings.append(Finding(
            indicator=code,
            status=Status.NEEDS_PERSON if applies else Status.NOT_APPLICABLE,
            confidence=Confidence.MEDIUM,
            explanation=f"{entry.path} answers “{question['prompt']}”: "
            + (f"{excerpt(_shown(value), 300)}." if value else f"in the repository, {join(cited)}.")
            + (f" Justification: {excerpt(justification, 400)}" if isinstance(justification, str) and justification
               else "")
            + ("" if applies else f" The question does not apply to {category}."),
            detector=NAME,
            evidence=[evidence(entry, _line(parsed.text, key)), *[Evidence(path=path) for path in files[key]],
                      *[Evidence(url=url) for url in urls]][:MAX_EVIDENCE],
            question_key=key,
            value=value,
        ))
        if key == "licenses" and isinstance(value, str):
            outcome.licences.append(LicenceHit(value, entry.path, "metadata", _line(parsed.text, key)))
    for code, indicator_questions in _by_indicator().items():
        if any(question["key"] in stated for question in indicator_questions):
            found = statement(code, indicator_questions, stated, files, evidence(entry, _line(parsed.text, "answers")),
                              category)
            findings += [found] if found else []
    return outcome


def _missing_file(entry: FileEntry, text: str, code: str, key: str, index: int, path: str) -> Finding:
    return Finding(code, Status.NEEDS_PERSON, Confidence.HIGH,
                   f"{entry.path} cites {path} at $.answers.{key}.evidence_files[{index}], but the repository has "
                   "no such file.", NAME, [evidence(entry, _line(text, key))], question_key=key)


@cache
def _by_indicator() -> dict[str, list[dict]]:
    """The Standard's questions grouped by indicator, in the Standard's order."""
    grouped = {}
    for code, question in questions().values():
        grouped.setdefault(code, []).append(question)
    return grouped


def _texts(items: object) -> list[str]:
    """The strings of a list (YAML may hold anything; only plain values are quoted)."""
    return [item for item in items if isinstance(item, str | int | float)] if isinstance(items, list) else []


def _publiccode(tree: Tree, entry: FileEntry) -> Outcome:
    parsed = parse(tree, entry, "yaml", PUBLICCODE_LIMIT)
    if parsed.ok and not isinstance(parsed.data, dict):
        parsed.problem = "it does not hold a YAML mapping"
    if not parsed.ok:
        return Outcome(findings=[unreadable(FILE_LEVEL, NAME, entry, parsed.problem, "metadata file")])
    data, text = parsed.data, parsed.text
    outcome = Outcome()
    findings = outcome.findings

    def here(key: str, quote: str = "") -> Evidence:
        return evidence(entry, _line(text, key), quote)

    licence = get(data, "legal", "license")
    if isinstance(licence, str) and licence.strip():
        outcome.licences.append(LicenceHit(licence.strip(), entry.path, "metadata", _line(text, "license")))
    owner_key = "mainCopyrightOwner" if get(data, "legal", "mainCopyrightOwner") else "repoOwner"
    owner = get(data, "legal", owner_key)
    if isinstance(owner, str) and owner.strip():
        owner = excerpt(without_emails(owner), 200)  # an owner is an organisation; its address is not needed
        findings.append(Finding("3", Status.NEEDS_PERSON, Confidence.MEDIUM,
                                f"{entry.path} names {owner} as the copyright owner.", NAME, [here(owner_key)],
                                question_key="owner_name", value=owner))
    descriptions = get(data, "description")
    if isinstance(descriptions, dict):
        languages = [str(language) for language, body in descriptions.items() if isinstance(body, dict)]
        features = sum(len(_texts(get(body, "features"))) for body in descriptions.values())
        if languages:
            findings.append(Finding("5", Status.MET, Confidence.LOW,
                                    f"{entry.path} describes the product in {join(languages)}"
                                    + (f", with {features} features listed" if features else "") + ".",
                                    NAME, [here("description")]))
        urls = list(dict.fromkeys(
            url for body in descriptions.values() for key in ("documentation", "apiDocumentation")
            if isinstance(url := get(body, key), str) and url.startswith(("http://", "https://"))
        ))
        if urls:
            findings.append(Finding("5", Status.NEEDS_PERSON, Confidence.MEDIUM,
                                    f"{entry.path} points to documentation at {join(urls)}.", NAME,
                                    [here("documentation"), *[Evidence(url=url) for url in urls]][:MAX_EVIDENCE],
                                    question_key="documentation_urls", value=urls))
    findings += _publiccode_platform(data, here, entry)
    localisation = get(data, "localisation")
    languages = [str(language) for language in _texts(get(localisation, "availableLanguages"))]
    said = " and ".join(filter(None, [
        "ready for translation" if get(localisation, "localisationReady") is True else "",
        f"available in {join(languages)}" if languages else "",
    ]))
    if said:
        findings.append(Finding("8", Status.MET, Confidence.LOW, f"{entry.path} says the product is {said}.", NAME,
                                [here("localisation")]))
    return outcome


def _publiccode_platform(data: dict, here, entry: FileEntry) -> list[Finding]:
    """Indicator 4: the platforms publiccode.yml lists and the software it depends on."""
    findings = []

    def names(kind: str) -> list[tuple[str, bool]]:
        items = get(data, "dependsOn", kind)
        return [(str(get(item, "name")), get(item, "optional") is True)
                for item in (items if isinstance(items, list) else []) if isinstance(get(item, "name"), str)]

    proprietary = names("proprietary")
    if proprietary:
        mandatory = [name for name, optional in proprietary if not optional]
        findings.append(Finding(
            "4", Status.NEEDS_PERSON, Confidence.MEDIUM,
            f"{entry.path} lists proprietary dependencies: "
            + join([f"{name}{' (optional)' if optional else ''}" for name, optional in proprietary]) + ".",
            NAME, [here("proprietary")], question_key="closed_dependencies", value="yes" if mandatory else None,
        ))
    platforms = [str(item) for item in _texts(get(data, "platforms"))]
    open_names = [name for name, _ in names("open")]
    if platforms or open_names:
        parts = ([f"Runs on {join(platforms)}."] if platforms else []) + (
            [f"Depends on open software: {join(open_names)}."] if open_names else [])
        findings.append(Finding("4", Status.NEEDS_PERSON, Confidence.MEDIUM, f"{entry.path}: " + " ".join(parts),
                                NAME, [here("platforms" if platforms else "dependsOn")],
                                question_key="core_dependencies", value=" ".join(parts)))
    return findings


def detect(tree: Tree, category: str) -> Outcome:
    outcome = Outcome()
    for entry in tree.named("dpg.json", max_depth=0):
        part = _dpg_json(tree, entry, category)
        outcome.findings += part.findings
        outcome.licences += part.licences
    for entry in tree.named("publiccode.yml", "publiccode.yaml", max_depth=0)[:1]:
        part = _publiccode(tree, entry)
        outcome.findings += part.findings
        outcome.licences += part.licences
    return outcome

"""A report as text for people (rich), JSON for machines (versioned schema), SARIF 2.1.0 for code forges."""

import json

from dpg_registry.checks.model import Report, Status

TITLES = {
    "1": "Relevance to the SDGs",
    "2": "Approved open licence",
    "3": "Clear ownership",
    "4": "Platform independence",
    "5": "Documentation",
    "6": "Extracting data and content",
    "7": "Privacy and applicable laws",
    "8": "Standards and best practices",
    "9a": "Data privacy and security",
    "9b": "Inappropriate and illegal content",
    "9c": "Protection from harassment",
}
LABELS = {
    Status.MET: ("met", "green"),
    Status.NOT_MET: ("not met", "red"),
    Status.NEEDS_PERSON: ("needs a person", "yellow"),
    Status.NOT_APPLICABLE: ("not applicable", "dim"),
}


def as_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)


def as_text(report: Report) -> None:
    from rich.console import Console  # imported here so that JSON and SARIF output never load rich
    from rich.text import Text

    console = Console(highlight=False)
    licence = report.main_license or "none found"
    if report.main_license_approved is not None:
        licence += f" (approved for {report.category})" if report.main_license_approved else " (NOT approved)"
    console.print(Text(report.target, style="bold"), f"· {report.category} · DPG Standard {report.standard_version}")
    console.print(f"main licence: {licence}" + (f" · commit {report.commit[:12]}" if report.commit else ""))
    for code, finding in report.indicators.items():
        label, style = LABELS[Status(finding.status)]
        heading = Text(f"{code:>3} {TITLES.get(code, '')}: ")
        heading.append(label, style=f"bold {style}")
        heading.append(f" ({finding.confidence} confidence)")
        console.print(heading)
        console.print(Text(f"    {finding.explanation}"))
        where = ", ".join(_where(e) for e in finding.evidence[:5])
        if where:
            console.print(Text(f"    evidence: {where}", style="dim"))
    for note in report.limits:
        console.print(Text(f"limit: {note}", style="yellow"))
    console.print(f"{report.files_seen:,} files, {report.bytes_read:,} bytes read in {report.seconds:.2f} s")


def as_sarif(report: Report) -> str:
    """Findings that are not met or need a person, as SARIF results with their locations."""
    rules = [
        {"id": f"dpg-{code}", "name": TITLES.get(code, code).replace(" ", ""),
         "shortDescription": {"text": f"DPG Standard indicator {code}: {TITLES.get(code, code)}"}}
        for code in report.indicators
    ]
    results = []
    for finding in report.findings:
        if finding.status not in (Status.NOT_MET, Status.NEEDS_PERSON) or finding.indicator not in report.indicators:
            continue
        locations = [
            {"physicalLocation": {"artifactLocation": {"uri": e.path},
                                  **({"region": {"startLine": e.line}} if e.line else {})}}
            for e in finding.evidence if e.path
        ]
        results.append({
            "ruleId": f"dpg-{finding.indicator}",
            "level": "error" if finding.status == Status.NOT_MET else "note",
            "message": {"text": finding.explanation},
            "locations": locations,
            "properties": {"confidence": str(finding.confidence), "detector": finding.detector},
        })
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "dpg check", "rules": rules}},
            "results": results,
            **({"versionControlProvenance": [{"repositoryUri": report.target, "revisionId": report.commit}]}
               if report.commit and "://" in report.target else {}),
        }],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2)


def _where(evidence) -> str:
    if evidence.path:
        return f"{evidence.path}:{evidence.line}" if evidence.line else evidence.path
    return evidence.url

"""Running a check: get the tree (a folder, or a shallow clone of a git URL), call every detector,
and sum the findings up per indicator."""

import importlib
import os
import time
from pathlib import Path

from dpg_registry.checks import standard
from dpg_registry.checks.commit import read_commit
from dpg_registry.checks.errors import CheckError
from dpg_registry.checks.model import Confidence, Finding, Report, Status
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.tree import Limits, Tree
from dpg_registry.standard.licences import InvalidLicence, unapproved_ids

DETECTORS = ("licence", "ownership", "platform", "documentation", "extraction", "policies", "practices", "metadata",
             "sdgs")
INDICATORS = ("1", "2", "3", "4", "5", "6", "7", "8", "9a", "9b", "9c")
GIT_URL = lazy(r"^(https?://|ssh://|git://|git@[^:]+:|file://)")
CLONE_SECONDS = 300


def run_check(target: str, *, category: str = "software", limits: Limits | None = None, progress=None,
              public_only: bool = False, clone_seconds: int = CLONE_SECONDS) -> Report:
    """Check a folder or a git URL; ``public_only`` clones only https addresses of public hosts (the worker),
    and a clone stops after ``clone_seconds``."""
    if category not in standard.CATEGORIES:
        raise CheckError(f"unknown category {category!r}; choose one of {', '.join(standard.CATEGORIES)}")
    started = time.perf_counter()
    with _checkout(target, public_only, clone_seconds) as root:
        tree = Tree.walk(root, limits)
        commit, unknown = read_commit(root)
        if unknown:
            tree.notes.append(unknown)
        outcomes = []
        for name in DETECTORS:
            if progress:
                progress(name)
            detector = importlib.import_module(f"dpg_registry.checks.detectors.{name}")
            outcomes.append(detector.detect(tree, category))
    findings = [finding for outcome in outcomes for finding in outcome.findings]
    main_license = next((outcome.main_license for outcome in outcomes if outcome.main_license), None)
    findings += [_limit_finding(note) for note in tree.notes]
    return Report(
        target=target,
        category=category,
        standard_version=standard.version(),
        commit=commit,
        main_license=main_license,
        main_license_approved=_approved(main_license, category),
        licences=[hit for outcome in outcomes for hit in outcome.licences],
        findings=findings,
        indicators=summarise(findings, category),
        limits=list(tree.notes),
        files_seen=len(tree.files),
        bytes_read=tree.bytes_read,
        seconds=round(time.perf_counter() - started, 3),
    )


def summarise(findings: list[Finding], category: str) -> dict[str, Finding]:
    """One finding per indicator.

    A confident "not met" (medium or high) decides. Otherwise the most confident findings speak, and
    among equally confident ones "needs a person" comes before "met": a weak doubt does not outweigh a
    strong "met", but an equal one does. The project's own statement that the indicator is met (a
    complete dpg.json answer with evidence in the repository) settles the doubts unless a detector
    suggests a different choice for one of its questions. An indicator no detector could judge needs a
    person; relevance to the SDGs (1) does unless the project states it.
    """
    summary = {}
    for code in INDICATORS:
        own = [f for f in findings if f.indicator == code]
        if not own:
            summary[code] = Finding(code, Status.NEEDS_PERSON, Confidence.LOW,
                                    "nothing in the repository speaks to this indicator; a reviewer decides",
                                    "summary")
            continue
        strong_not_met = [f for f in own if f.status == Status.NOT_MET and f.confidence != Confidence.LOW]
        best = _statement(own) if not strong_not_met else None
        if best is None:
            pool = strong_not_met or [f for f in own if f.status != Status.NOT_MET] or own
            top = max(Confidence(f.confidence).rank for f in pool)
            best = min((f for f in pool if Confidence(f.confidence).rank == top), key=lambda f: ORDER[f.status])
        evidence = list(dict.fromkeys(e for f in own if f.status == best.status for e in f.evidence))[:20]
        summary[code] = Finding(code, best.status, best.confidence, best.explanation, best.detector, evidence,
                                best.question_key, best.value, best.stated)
    return summary


ORDER = {Status.NOT_MET: 0, Status.NEEDS_PERSON: 1, Status.MET: 2, Status.NOT_APPLICABLE: 3}


def _statement(own: list[Finding]) -> Finding | None:
    """The project's statement that the indicator is met, unless a detector's suggested choice contradicts it."""
    statement = next((f for f in own if f.stated is not None and f.status == Status.MET), None)
    if statement is None:
        return None
    for finding in own:
        said = statement.stated.get(finding.question_key)
        if said is not None and isinstance(finding.value, str) and finding.value != said:
            return Finding(statement.indicator, Status.NEEDS_PERSON, Confidence.MEDIUM,
                           f"The project states “{finding.question_key}: {said}”, but {finding.detector} found "
                           f"otherwise: {finding.explanation}", finding.detector, question_key=finding.question_key,
                           value=finding.value)
    return statement


def _approved(expression: str | None, category: str) -> bool | None:
    if not expression:
        return None
    try:
        return not unapproved_ids(expression, standard.approved_licences(category))
    except InvalidLicence:
        return False


def _limit_finding(note: str) -> Finding:
    return Finding("limits", Status.NEEDS_PERSON, Confidence.HIGH, note, "tree")


def checked_out(target: str, *, public_only: bool = False) -> "_checkout":
    """The files of ``target`` for the time of a ``with`` block (a clone is removed afterwards); ``public_only``
    as for ``run_check``."""
    return _checkout(target, public_only)


def public_clone_options(url: str) -> list[str]:
    """``remote.public_clone_options``, imported only when an address is cloned: a folder is checked without it."""
    from dpg_registry.checks import remote

    return remote.public_clone_options(url)


class _checkout:
    """A local folder as it is, or a shallow clone of a git URL in a temporary folder removed afterwards."""

    def __init__(self, target: str, public_only: bool = False, clone_seconds: int = CLONE_SECONDS):
        self.target = target
        self.public_only = public_only
        self.clone_seconds = clone_seconds
        self.temporary = None

    def __enter__(self) -> Path:
        options = []
        if self.public_only:
            options = public_clone_options(self.target)  # an UnsafeAddress is a CheckError
        elif not GIT_URL.match(self.target):
            root = Path(self.target)
            if not root.is_dir():
                raise CheckError(f"{self.target}: no such folder")
            return root
        import subprocess  # a folder is checked without the modules a clone needs
        import tempfile

        self.temporary = tempfile.mkdtemp(prefix="dpg-check-")
        root = Path(self.temporary) / "repository"
        command = [
            "git", "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", *options,
            "clone", "--quiet", "--depth", "1", "--single-branch", "--no-tags", "--", self.target, str(root),
        ]
        environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_LFS_SKIP_SMUDGE": "1"}
        try:
            subprocess.run(command, check=True, capture_output=True, text=True, timeout=self.clone_seconds,
                           env=environment)
        except FileNotFoundError:
            raise CheckError("git is not installed, so a repository address cannot be cloned") from None
        except subprocess.TimeoutExpired:
            raise CheckError(f"{self.target}: cloning took longer than {self.clone_seconds} s") from None
        except subprocess.CalledProcessError as error:
            reason = (error.stderr or "").strip().splitlines()
            raise CheckError(f"{self.target}: could not clone: {reason[-1] if reason else 'git failed'}") from None
        return root

    def __exit__(self, *exc):
        if self.temporary:
            import shutil

            shutil.rmtree(self.temporary, ignore_errors=True)


"""What the review workbench shows of an application, per indicator and over time: readable answers beside
the repository check's findings, the answers changed since the last reviewed application, the decisions,
and one timeline of the history, expert questions and clarifications."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dpg_registry.applications.answer_display import as_html, question_text
from dpg_registry.applications.models import Application
from dpg_registry.applications.selectors import assignment_history, indicators_of, public_trail, questions_by_key

FINDING_STATUS = {"met": _("met"), "not_met": _("not met"), "needs_person": _("needs a person's judgement"),
                  "not_applicable": _("not applicable")}
CONFIDENCE = {"high": _("high confidence"), "medium": _("medium confidence"), "low": _("low confidence")}
# Steps of the public trail the timeline tells with their own words (the question and the answer).
TOLD_IN_FULL = {"clarification.respond", "consultation.opinion"}


def last_reviewed(application: Application) -> Application | None:
    """The application this one renews, or else the product's latest decided application before it."""
    if application.renewal_of_id:
        return application.renewal_of
    if application.product_id is None:
        return None
    return (Application.objects.filter(product_id=application.product_id, decided_at__isnull=False)
            .exclude(pk=application.pk).order_by("-decided_at").first())


def latest_check(application: Application):
    return application.repository_checks.filter(status="done").first()


def findings_by_indicator(check) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for finding in (check.report.get("findings", []) if check else []):
        found.setdefault(finding["indicator"], []).append({
            "status": FINDING_STATUS.get(finding.get("status"), gettext("unclear")),
            "confidence": CONFIDENCE.get(finding.get("confidence"), ""),
            "explanation": finding.get("explanation", ""),
            "evidence": [e for e in finding.get("evidence", []) if e.get("path") or e.get("url")][:5],
        })
    return found


def indicator_blocks(application: Application,
                     visible: set[str] | None = None) -> tuple[list[dict], Application | None]:
    """Per indicator (only those in ``visible``, when given): answers as read, changes, findings, decisions;
    and the last reviewed application the changes are counted from."""
    questions = questions_by_key(application)
    answers: dict[str, list] = {}
    for answer in application.answers.all():
        answers.setdefault(answer.indicator_code, []).append(answer)
    previous = last_reviewed(application)
    before = {a.question_key: a for a in previous.answers.all()} if previous else None
    decisions: dict[str, dict] = {}
    for row in application.decisions.all():
        decisions.setdefault(row.indicator_code, {})[row.level] = row
    findings = findings_by_indicator(latest_check(application))
    consultations = list(application.consultations.all())
    clarifications = list(application.clarifications.all())
    blocks = []
    for indicator in indicators_of(application):
        if visible is not None and indicator.code not in visible:
            continue
        shown = []
        for answer in sorted(answers.get(indicator.code, []), key=lambda a: _position(questions, a.question_key)):
            question = questions.get(answer.question_key)
            old = before.get(answer.question_key) if before is not None else None
            changed = before is not None and (old is None or old.value != answer.value)
            shown.append({
                "question": question_text(question), "answer": answer, "value": as_html(question, answer.value),
                "changed": changed, "before": as_html(question, old.value if old else None) if changed else None,
            })
        blocks.append({
            "indicator": indicator, "answers": shown, "renewal": before is not None,
            "findings": findings.get(indicator.code, []), "decisions": decisions.get(indicator.code, {}),
            "consultations": [c for c in consultations if c.indicator_code == indicator.code],
            "clarifications": [c for c in clarifications if c.indicator_code == indicator.code],
        })
    return blocks, previous


def _position(questions: dict, key: str) -> int:
    question = questions.get(key)
    return question.position if question is not None else 10_000


def timeline(application: Application) -> list[dict]:
    """The history, expert questions and opinions, and clarifications asked and answered, oldest first."""
    entries = [{"at": step["at"], "text": step["text"]}
               for step in public_trail(application) if step["action"] not in TOLD_IN_FULL]
    for event in assignment_history(application):
        text = (gettext("handed back to the queue") if event.action == "assignment.conflict"
                else gettext("%(level)s review reassigned") % {"level": event.after.get("level", "").upper()})
        entries.append({"at": event.at, "text": f"{text}: {event.reason}"})
    for consultation in application.consultations.all():
        entries.append({"at": consultation.requested_at, "text": gettext(
            "expert asked on indicator %(code)s") % {"code": consultation.indicator_code},
            "quote": consultation.question})
        if consultation.answered_at:
            entries.append({"at": consultation.answered_at, "text": gettext(
                "expert's opinion on indicator %(code)s (%(recommendation)s)") % {
                "code": consultation.indicator_code, "recommendation": consultation.get_recommendation_display()},
                "quote": consultation.opinion})
    for clarification in application.clarifications.all():
        entries.append({"at": clarification.requested_at, "text": gettext(
            "applicant asked on indicator %(code)s") % {"code": clarification.indicator_code},
            "quote": clarification.question})
        if clarification.responded_at:
            entries.append({"at": clarification.responded_at, "text": gettext(
                "applicant's answer on indicator %(code)s") % {"code": clarification.indicator_code},
                "quote": clarification.response})
    return sorted(entries, key=lambda entry: entry["at"])

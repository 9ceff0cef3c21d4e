"""Every change to an application, one transaction each: the state machine of the review.

Views, API endpoints, commands and tasks call these functions and nothing else writes applications.
Each function checks who is acting, refuses a move the state machine does not allow, refuses a
form that was read before someone else's change (``expected_version``), and records what it did
in the audit trail.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dpg_registry.accounts.roles import Role
from dpg_registry.accounts.selectors import organisation_ids_of, roles_of
from dpg_registry.accounts.services import join_organisation
from dpg_registry.applications import notify
from dpg_registry.applications.answers import AnswerError, AnswerInput, clean_urls, clean_value
from dpg_registry.applications.models import (
    Answer,
    Application,
    Challenge,
    Clarification,
    Consultation,
    IndicatorDecision,
)
from dpg_registry.applications.publish import publish, withdraw_listing
from dpg_registry.applications.selectors import indicator_codes, missing, questions_by_key
from dpg_registry.audit.services import record
from dpg_registry.registry.countries import country_code
from dpg_registry.registry.models import Organisation, Product
from dpg_registry.standard.models import Category
from dpg_registry.standard.selectors import approved_licence_ids, current_version, sector_names

S = Application.State
D = IndicatorDecision.Decision
L = IndicatorDecision.Level

IN_REVIEW = frozenset({S.SUBMITTED, S.L1_REVIEW, S.L2_REVIEW, S.EXPERT_CONSULTATION, S.CLARIFICATION_REQUESTED})

# action: (states it may start from, what the action is called in an error)
TRANSITIONS = {
    "submit": ({S.DRAFT}, _("submit")),
    "start_l1": ({S.SUBMITTED}, _("start the L1 review of")),
    "finish_l1": ({S.L1_REVIEW}, _("finish the L1 review of")),
    "start_l2": ({S.L2_REVIEW}, _("start the L2 review of")),
    "consult": ({S.L1_REVIEW, S.L2_REVIEW}, _("ask an expert about")),
    "opinion": ({S.EXPERT_CONSULTATION}, _("give an expert opinion on")),
    "clarify": ({S.L2_REVIEW}, _("ask for a clarification of")),
    "respond": ({S.CLARIFICATION_REQUESTED}, _("answer a clarification of")),
    "decide": ({S.L2_REVIEW}, _("decide")),
    "deadline": ({S.CLARIFICATION_REQUESTED}, _("close for a missed deadline")),
    "open_renewal": ({S.DPG}, _("open the renewal of")),
    "renewed": ({S.DPG, S.RENEWAL_DUE, S.EXPIRED}, _("mark as renewed")),
    "expire": ({S.DPG, S.RENEWAL_DUE}, _("expire")),
    "withdraw": ({S.DRAFT, *IN_REVIEW}, _("withdraw")),
    # An admin also archives an application under review to take down content that breaks the law or the rules.
    "archive": ({*IN_REVIEW, S.DPG, S.RENEWAL_DUE, S.INELIGIBLE, S.EXPIRED, S.RENEWED, S.WITHDRAWN}, _("archive")),
}
LEVEL_DECISIONS = {
    L.L1: {D.PASS, D.FAIL, D.CONSULT},
    L.L2: {D.PASS, D.FAIL, D.CLARIFICATION, D.CONSULT},
}


class ApplicationError(ValueError):
    """A change the review process refuses; the message says why, for the person who tried."""


class InvalidTransition(ApplicationError):
    pass


class StaleApplication(ApplicationError):
    pass


class NotAllowed(ApplicationError):
    pass


class Incomplete(ApplicationError):
    def __init__(self, message: str, missing: dict):
        super().__init__(message)
        self.missing = missing


class AnswerErrors(ApplicationError):
    def __init__(self, errors: list[AnswerError]):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


# Helpers ---------------------------------------------------------------------------------------


def _locked(application: Application, expected_version: int | None) -> Application:
    fresh = Application.objects.select_for_update().get(pk=application.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleApplication(
            gettext("application %(id)s was changed by someone else since you opened it; reload the page to see "
                    "the change, then try again") % {"id": fresh.public_id}
        )
    return fresh


def _require_state(application: Application, action: str) -> None:
    allowed, verb = TRANSITIONS[action]
    if application.state not in allowed:
        raise InvalidTransition(
            gettext("cannot %(action)s application %(id)s: it is %(state)s")
            % {"action": verb, "id": application.public_id, "state": application.get_state_display().lower()}
        )


def _move(application: Application, action: str, to: str, *, actor, role: str, reason: str = "", **after) -> None:
    _require_state(application, action)
    before = application.state
    application.state = to
    application.state_entered_at = timezone.now()
    _touch(application)
    record(actor=actor, role=role, action=f"application.{action}", subject=application,
           before={"state": before}, after={"state": to, **after}, reason=reason)


def _touch(application: Application) -> None:
    application.version += 1
    application.save()


def _require_role(user, role: str) -> None:
    if role not in roles_of(user):
        raise NotAllowed(gettext("this needs the %(role)s role") % {"role": Role(role).label})


def _require_editor(application: Application, user) -> None:
    if not application.editors.filter(pk=user.pk).exists():
        raise NotAllowed(gettext("you are not an editor of application %(id)s") % {"id": application.public_id})


def conflict_of_interest(application: Application, user) -> str:
    """Why ``user`` may not review ``application``, or "" when they may."""
    if application.editors.filter(pk=user.pk).exists():
        return gettext("you are an editor of this application")
    if application.organisation_id in organisation_ids_of(user):
        return gettext("you belong to %(organisation)s, which applied") % {
            "organisation": application.organisation.name}
    return ""


def _require_no_conflict(application: Application, user) -> None:
    reason = conflict_of_interest(application, user)
    if reason:
        raise NotAllowed(gettext("conflict of interest: %(reason)s") % {"reason": reason})


def _require_assigned(application: Application, user, level: str) -> None:
    assigned = application.l1_reviewer_id if level == L.L1 else application.l2_reviewer_id
    if assigned != user.pk:
        raise NotAllowed(gettext("application %(id)s is assigned to another %(level)s reviewer")
                         % {"id": application.public_id, "level": level.upper()})


# The applicant's side ----------------------------------------------------------------------------


def create_application(*, user, name: str, category_key: str, organisation_name: str,
                       renewal_of: Product | None = None) -> Application:
    name, organisation_name = name.strip(), organisation_name.strip()
    if not name:
        raise AnswerErrors([AnswerError("name", gettext("give the product's name"))])
    if not organisation_name:
        raise AnswerErrors([AnswerError("organisation", gettext("give the name of the organisation you apply for"))])
    category = Category.objects.filter(key=category_key, is_legacy=False).first()
    if category is None:
        raise AnswerErrors([AnswerError("category", gettext("%(category)s is not a category applicants can choose")
                                       % {"category": repr(category_key)})])
    version = current_version()
    if version is None:
        raise ApplicationError(gettext("the DPG Standard is not loaded"))
    now = timezone.now()
    with transaction.atomic():
        organisation, _ = Organisation.objects.get_or_create(name=organisation_name)
        join_organisation(user=user, organisation=organisation)
        application = Application.objects.create(
            name=name, category=category, standard_version=version, organisation=organisation,
            product=renewal_of, created_at=now, state_entered_at=now,
        )
        application.editors.add(user)
        if renewal_of is not None:
            _copy_from_product(application, renewal_of)
        record(actor=user, role=Role.APPLICANT, action="application.create", subject=application,
               after={"state": S.DRAFT, "name": name, "category": category.key,
                      "renewal_of": renewal_of.slug if renewal_of else None})
    return application


def _copy_from_product(application: Application, product: Product) -> None:
    """Start a renewal from the last reviewed answers, or from the imported record when there are none."""
    previous = (
        product.applications.exclude(pk=application.pk)
        .filter(decided_at__isnull=False, state__in=[S.DPG, S.RENEWAL_DUE, S.EXPIRED, S.RENEWED])
        .order_by("-decided_at")
        .first()
    )
    now = timezone.now()
    if previous is not None:
        application.renewal_of = previous
        for field in ("description", "website", "repository_urls", "sectors", "deployment_countries"):
            setattr(application, field, getattr(previous, field))
        answers = [
            Answer(application=application, indicator_code=a.indicator_code, question_key=a.question_key,
                   value=a.value, justification=a.justification, evidence_urls=a.evidence_urls,
                   is_private=a.is_private, updated_at=now)
            for a in previous.answers.all()
        ]
    else:
        application.description = product.description
        application.website = product.website
        application.repository_urls = list(product.repositories.values_list("url", flat=True))
        application.sectors = list(product.sectors.values_list("name", flat=True))
        application.deployment_countries = list(
            product.countries.filter(kind="deployed").exclude(code="").values_list("code", flat=True)
        )
        known = questions_by_key(application)
        answers = [
            Answer(application=application, indicator_code=known[a.question_key].indicator.code,
                   question_key=a.question_key, value=a.value, updated_at=now)
            for a in product.indicator_answers.all()
            if a.question_key in known
        ]
    application.save()
    Answer.objects.bulk_create(answers, ignore_conflicts=True)


def add_editor(*, application: Application, by, user) -> None:
    """Let another account co-edit the application; they join the applying organisation."""
    with transaction.atomic():
        application = _locked(application, None)
        _require_editor(application, by)
        if application.editors.filter(pk=user.pk).exists():
            return
        application.editors.add(user)
        join_organisation(user=user, organisation=application.organisation)
        record(actor=by, role=Role.APPLICANT, action="application.add_editor", subject=application,
               after={"editor": user.pk})


def save_about(*, application: Application, by, expected_version: int, name: str, description: str, website: str,
               repository_urls: list[str], sectors: list[str], deployment_countries: list[str],
               contact_name: str = "", contact_email: str = "") -> Application:
    errors = []
    contact_email = contact_email.strip()
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            errors.append(AnswerError("contact_email", f"{contact_email!r} is not an e-mail address"))
    try:
        website = (clean_urls([website], "website") or [""])[0]
    except AnswerError as error:
        errors.append(error)
    try:
        repository_urls = clean_urls(repository_urls, "repository_urls", repository=True)
    except AnswerError as error:
        errors.append(error)
    unknown = sorted(set(sectors) - sector_names())
    if unknown:
        errors.append(AnswerError("sectors", gettext("unknown sectors: %(sectors)s") % {"sectors": ", ".join(unknown)}))
    codes = []
    for country in deployment_countries:
        code = country_code(country)
        if code is None:
            message = gettext("%(country)s is not a country this registry knows") % {"country": repr(country)}
            errors.append(AnswerError("deployment_countries", message))
        codes.append(code)
    if not name.strip():
        errors.append(AnswerError("name", gettext("give the product's name")))
    if errors:
        raise AnswerErrors(errors)
    with transaction.atomic():
        application = _locked(application, expected_version)
        _require_editor(application, by)
        if application.state != S.DRAFT:
            raise InvalidTransition(gettext("application %(id)s is no longer a draft") % {"id": application.public_id})
        given = {"name": name.strip(), "description": description.strip(), "website": website,
                 "repository_urls": repository_urls, "sectors": sorted(set(sectors)), "deployment_countries": codes}
        contact = {"contact_name": contact_name.strip(), "contact_email": contact_email}
        before = {field: getattr(application, field) for field in given if getattr(application, field) != given[field]}
        # The audit trail says the contact changed, never what it says: it outlives the person.
        contact_changed = sorted(field for field in contact if getattr(application, field) != contact[field])
        if before or contact_changed:
            for field, value in {**given, **contact}.items():
                setattr(application, field, value)
            _touch(application)
            record(actor=by, role=Role.APPLICANT, action="application.about", subject=application, before=before,
                   after={**{field: given[field] for field in before}, **({"changed": contact_changed}
                                                                         if contact_changed else {})})
    return application


def save_answers(*, application: Application, by, expected_version: int,
                 answers: dict[str, AnswerInput]) -> Application:
    """Save some answers, all or none: a draft's, or during a clarification the asked indicators'."""
    questions = questions_by_key(application)
    approved = approved_licence_ids(application.standard_version, application.category.key)
    errors, cleaned = [], {}
    for key, given in answers.items():
        question = questions.get(key)
        if question is None:
            errors.append(AnswerError(key, "this question is not part of the application"))
            continue
        try:
            value = clean_value(question, given.value, approved)
            urls = clean_urls(given.evidence_urls, f"{key} evidence")
        except AnswerError as error:
            errors.append(error)
            continue
        cleaned[key] = (question, value, urls, given)
    if errors:
        raise AnswerErrors(errors)
    with transaction.atomic():
        application = _locked(application, expected_version)
        _require_editor(application, by)
        open_codes = set(
            application.clarifications.filter(responded_at__isnull=True).values_list("indicator_code", flat=True)
        )
        for question, _, _, _ in cleaned.values():
            if application.state == S.CLARIFICATION_REQUESTED and question.indicator.code in open_codes:
                continue
            if application.state != S.DRAFT:
                raise InvalidTransition(
                    gettext("answers to indicator %(code)s of application %(id)s cannot change now: it is %(state)s")
                    % {"code": question.indicator.code, "id": application.public_id,
                       "state": application.get_state_display().lower()}
                )
        now = timezone.now()
        changed = {}
        for key, (question, value, urls, given) in cleaned.items():
            answer, _ = Answer.objects.get_or_create(
                application=application, question_key=key,
                defaults={"indicator_code": question.indicator.code, "updated_at": now},
            )
            new = (value, given.justification.strip(), urls, given.is_private)
            if (answer.value, answer.justification, answer.evidence_urls, answer.is_private) != new:
                answer.value, answer.justification, answer.evidence_urls, answer.is_private = new
                answer.filled_by_check = ""  # a person's answer now
                answer.updated_at = now
                answer.save()
                changed[key] = question.indicator.code
        if changed:
            _touch(application)
            record(actor=by, role=Role.APPLICANT, action="application.answers", subject=application,
                   after={"questions": sorted(changed)})
    return application


def submit(*, application: Application, by, expected_version: int | None = None) -> Application:
    """Send a complete draft for review. Submitting an already submitted application changes nothing."""
    with transaction.atomic():
        application = _locked(application, None)
        _require_editor(application, by)
        if application.submitted_at is not None and application.state != S.DRAFT:
            return application
        if expected_version is not None and application.version != expected_version:
            application = _locked(application, expected_version)
        gaps = missing(application)
        if gaps:
            raise Incomplete(gettext("application %(id)s is not complete yet") % {"id": application.public_id}, gaps)
        application.submitted_at = timezone.now()
        _move(application, "submit", S.SUBMITTED, actor=by, role=Role.APPLICANT)
        notify.send(application.editors.all(), "submitted", application)
        if application.repository_urls:
            from dpg_registry.applications.repository_checks import request_check

            request_check(application=application)  # reviewers find the findings beside the answers
    return application


def withdraw(*, application: Application, by, reason: str = "", expected_version: int | None = None) -> Application:
    with transaction.atomic():
        application = _locked(application, expected_version)
        _require_editor(application, by)
        _move(application, "withdraw", S.WITHDRAWN, actor=by, role=Role.APPLICANT, reason=reason)
    return application


def respond_to_clarification(*, clarification: Clarification, by, response: str,
                             expected_version: int | None = None) -> Application:
    if not response.strip():
        raise AnswerErrors([AnswerError("response", gettext("write your answer to the reviewer's question"))])
    with transaction.atomic():
        application = _locked(clarification.application, expected_version)
        _require_editor(application, by)
        clarification.refresh_from_db()
        _require_state(application, "respond")
        if clarification.responded_at is not None:
            raise InvalidTransition(gettext("this clarification was already answered"))
        clarification.response, clarification.responded_at = response.strip(), timezone.now()
        clarification.save()
        IndicatorDecision.objects.filter(
            application=application, level=L.L2, indicator_code=clarification.indicator_code
        ).update(decision=D.PENDING, decided_at=None)
        record(actor=by, role=Role.APPLICANT, action="clarification.respond", subject=application,
               after={"indicator": clarification.indicator_code})
        if not application.clarifications.filter(responded_at__isnull=True).exists():
            application.clarification_deadline = None
            _move(application, "respond", S.L2_REVIEW, actor=by, role=Role.APPLICANT)
            notify.send(_reviewer(application.l2_reviewer), "clarified", application)
        else:
            _touch(application)
    return application


def _reviewer(user) -> list:
    return [user] if user is not None else []


# The reviewers' side -----------------------------------------------------------------------------


def pull_next(*, reviewer, level: str) -> Application | None:
    """Assign the oldest waiting application at ``level`` that ``reviewer`` may review, or None."""
    _require_role(reviewer, level)
    if level == L.L1:
        waiting = Application.objects.filter(state=S.SUBMITTED).order_by("submitted_at", "pk")
    else:
        waiting = Application.objects.filter(state=S.L2_REVIEW, l2_reviewer__isnull=True).order_by(
            "state_entered_at", "pk"
        )
    for candidate in waiting.select_related("organisation"):
        if conflict_of_interest(candidate, reviewer):
            continue
        with transaction.atomic():
            application = _locked(candidate, None)
            if level == L.L1 and application.state == S.SUBMITTED:
                application.l1_reviewer = reviewer
                _move(application, "start_l1", S.L1_REVIEW, actor=reviewer, role=level)
            elif level == L.L2 and application.state == S.L2_REVIEW and application.l2_reviewer_id is None:
                application.l2_reviewer = reviewer
                _move(application, "start_l2", S.L2_REVIEW, actor=reviewer, role=level)
            else:
                continue  # someone else took it between the query and the lock
            IndicatorDecision.objects.bulk_create(
                [IndicatorDecision(application=application, indicator_code=code, level=level)
                 for code in indicator_codes(application)],
                ignore_conflicts=True,
            )
            return application
    return None


def decide_indicator(*, application: Application, by, level: str, indicator_code: str, decision: str,
                     expected_version: int, note: str = "", public_reason: str = "", expert=None,
                     question: str = "") -> Application:
    """Record a reviewer's decision on one indicator (pass, fail, clarification or consult)."""
    if decision not in LEVEL_DECISIONS[level]:
        raise InvalidTransition(gettext("%(level)s reviewers cannot decide %(decision)s")
                                % {"level": level.upper(), "decision": repr(str(D(decision).label.lower()))})
    if decision == D.FAIL and not public_reason.strip():
        raise AnswerErrors([AnswerError("public_reason",
                                        gettext("say why the indicator fails; the applicant will read it"))])
    if decision == D.CLARIFICATION and not public_reason.strip():
        raise AnswerErrors([AnswerError("public_reason", gettext("write the question the applicant should answer"))])
    if decision == D.CONSULT:
        if expert is None or Role.EXPERT not in roles_of(expert):
            raise AnswerErrors([AnswerError("expert", gettext("choose an expert to consult"))])
        if not question.strip():
            raise AnswerErrors([AnswerError("question", gettext("write the question for the expert"))])
    with transaction.atomic():
        application = _locked(application, expected_version)
        _require_role(by, level)
        _require_no_conflict(application, by)
        _require_state(application, "finish_l1" if level == L.L1 else "decide")
        _require_assigned(application, by, level)
        if indicator_code not in indicator_codes(application):
            raise AnswerErrors([AnswerError("indicator", gettext("indicator %(code)s is not part of this review")
                                                % {"code": repr(indicator_code)})])
        row, _ = IndicatorDecision.objects.get_or_create(
            application=application, indicator_code=indicator_code, level=level
        )
        before = {"decision": row.decision}
        row.decision, row.note, row.public_reason = decision, note.strip(), public_reason.strip()
        row.decided_by, row.decided_at = by, timezone.now()
        row.save()
        if decision == D.CONSULT:
            _require_no_conflict(application, expert)
            Consultation.objects.create(
                application=application, indicator_code=indicator_code, expert=expert, question=question.strip(),
                requested_by=by, requested_at=timezone.now(),
            )
        _touch(application)
        record(actor=by, role=level, action="indicator.decide", subject=application, before=before,
               after={"indicator": indicator_code, "level": level, "decision": decision,
                      "expert": expert.pk if expert else None})
    return application


def finish_review(*, application: Application, by, level: str, expected_version: int,
                  deadline=None) -> Application:
    """Close a review step once every indicator has a decision, and move the application on.

    L1 hands over to L2 (through the experts when some were consulted). L2 first waits for open expert
    opinions, then sends its questions to the applicant, then decides: DPG when every indicator passes,
    ineligible when one fails.
    """
    with transaction.atomic():
        application = _locked(application, expected_version)
        _require_state(application, "finish_l1" if level == L.L1 else "decide")
        _require_role(by, level)
        _require_no_conflict(application, by)
        _require_assigned(application, by, level)
        decisions = {row.indicator_code: row for row in application.decisions.filter(level=level)}
        codes = indicator_codes(application)
        pending = [code for code in codes if decisions.get(code) is None
                   or decisions[code].decision == D.PENDING]
        if pending:
            raise Incomplete(
                gettext("decide every indicator first; still open: %(codes)s") % {"codes": ", ".join(pending)},
                {code: [gettext("a decision")] for code in pending},
            )
        open_consultations = application.consultations.filter(answered_at__isnull=True)
        if open_consultations.exists():
            action = "finish_l1" if level == L.L1 else "consult"
            _move(application, action, S.EXPERT_CONSULTATION, actor=by, role=level)
            notify.send([c.expert for c in open_consultations.select_related("expert")], "consultation", application)
            return application
        if level == L.L1:
            _move(application, "finish_l1", S.L2_REVIEW, actor=by, role=level)
            return application
        asked = [row for row in decisions.values() if row.decision == D.CLARIFICATION]
        if asked:
            _ask_clarifications(application, by, asked, deadline)
            return application
        failed = sorted((row for row in decisions.values() if row.decision == D.FAIL),
                        key=lambda row: codes.index(row.indicator_code))
        if failed:
            reason = "; ".join(f"indicator {row.indicator_code}: {row.public_reason}" for row in failed)
            _decide(application, S.INELIGIBLE, by, reason)
        else:
            _decide(application, S.DPG, by, "every indicator of the DPG Standard is met")
    return application


def _ask_clarifications(application: Application, by, rows: list[IndicatorDecision], deadline) -> None:
    now = timezone.now()
    deadline = deadline or now + timedelta(days=settings.DPG_CLARIFICATION_DAYS)
    if deadline <= now:
        raise AnswerErrors([AnswerError("deadline", gettext("the deadline must be in the future"))])
    Clarification.objects.bulk_create(
        Clarification(application=application, indicator_code=row.indicator_code, question=row.public_reason,
                      requested_by=by, requested_at=now, deadline=deadline)
        for row in rows
    )
    application.clarification_deadline = deadline
    application.last_reminder_at = None
    _move(application, "clarify", S.CLARIFICATION_REQUESTED, actor=by, role=L.L2,
          deadline=deadline.isoformat(), indicators=[row.indicator_code for row in rows])
    notify.send(application.editors.all(), "clarification", application)


def _decide(application: Application, outcome: str, by, reason: str) -> None:
    now = timezone.now()
    application.decided_at = now
    application.decision_reason = reason
    _move(application, "decide", outcome, actor=by, role=L.L2, reason=reason)
    if outcome == S.DPG:
        application.product = publish(application, decided_on=now.date())
        application.save(update_fields=["product"])
        previous = application.renewal_of
        if previous is not None and previous.state in TRANSITIONS["renewed"][0]:
            previous = _locked(previous, None)
            _move(previous, "renewed", S.RENEWED, actor=by, role=L.L2, by_application=application.public_id)
    notify.send(application.editors.all(), "decision", application)


def give_opinion(*, consultation: Consultation, by, opinion: str, recommendation: str,
                 expected_version: int | None = None) -> Application:
    if not opinion.strip():
        raise AnswerErrors([AnswerError("opinion", gettext("write your opinion for the reviewers"))])
    if recommendation not in Consultation.Recommendation.values:
        raise AnswerErrors([AnswerError("recommendation", gettext("recommend pass or fail"))])
    with transaction.atomic():
        application = _locked(consultation.application, expected_version)
        consultation.refresh_from_db()
        if consultation.expert_id != by.pk:
            raise NotAllowed(gettext("this consultation was asked of another expert"))
        _require_role(by, Role.EXPERT)
        _require_no_conflict(application, by)
        _require_state(application, "opinion")
        if consultation.answered_at is not None:
            raise InvalidTransition(gettext("this consultation was already answered"))
        consultation.opinion, consultation.recommendation = opinion.strip(), recommendation
        consultation.answered_at = timezone.now()
        consultation.save()
        # The L2 reviewer decides again with the opinion in hand.
        IndicatorDecision.objects.filter(
            application=application, level=L.L2, indicator_code=consultation.indicator_code, decision=D.CONSULT
        ).update(decision=D.PENDING, decided_at=None)
        record(actor=by, role=Role.EXPERT, action="consultation.opinion", subject=application,
               after={"indicator": consultation.indicator_code, "recommendation": recommendation})
        if application.consultations.filter(answered_at__isnull=True).exists():
            _touch(application)
        else:
            _move(application, "opinion", S.L2_REVIEW, actor=by, role=Role.EXPERT)
            notify.send(_reviewer(application.l2_reviewer), "opinion", application)
    return application


def archive(*, application: Application, by, reason: str) -> Application:
    with transaction.atomic():
        application = _locked(application, None)
        _require_role(by, Role.ADMIN)
        if application.state in (S.DPG, S.RENEWAL_DUE) and application.product is not None:
            withdraw_listing(application.product, status=Product.Status.ARCHIVED, reason=reason,
                             on=timezone.now().date())
        _move(application, "archive", S.ARCHIVED, actor=by, role=Role.ADMIN, reason=reason)
    return application


# Scheduled work (the actor is the system) ----------------------------------------------------------


def close_missed_deadlines(*, now=None) -> list[str]:
    """Applications whose clarification deadline passed without an answer become ineligible."""
    now = now or timezone.now()
    closed = []
    late = Application.objects.filter(state=S.CLARIFICATION_REQUESTED, clarification_deadline__lt=now)
    for candidate in late:
        with transaction.atomic():
            application = _locked(candidate, None)
            if application.state != S.CLARIFICATION_REQUESTED or application.clarification_deadline >= now:
                continue
            codes = sorted(application.clarifications.filter(responded_at__isnull=True)
                           .values_list("indicator_code", flat=True))
            reason = (f"no answer by the deadline ({application.clarification_deadline:%Y-%m-%d %H:%M} UTC) "
                      f"to the clarification asked on indicator {', '.join(codes)}")
            application.decided_at = now
            application.decision_reason = reason
            _move(application, "deadline", S.INELIGIBLE, actor=None, role="", reason=reason)
            notify.send(application.editors.all(), "decision", application)
            closed.append(application.public_id)
    return closed


def send_reminders(*, now=None) -> list[str]:
    """Every few days (``DPG_REMINDER_DAYS``), remind applicants of open clarifications and renewals due."""
    now = now or timezone.now()
    due = now - timedelta(days=settings.DPG_REMINDER_DAYS)
    reminded = []
    for application in Application.objects.filter(state__in=[S.CLARIFICATION_REQUESTED, S.RENEWAL_DUE]):
        last = application.last_reminder_at or application.state_entered_at
        if last > due:
            continue
        with transaction.atomic():
            # Read again under the lock: a clock run beside this one (or before a crash) may have reminded.
            application = _locked(application, None)
            if application.state not in (S.CLARIFICATION_REQUESTED, S.RENEWAL_DUE) or (
                (application.last_reminder_at or application.state_entered_at) > due
            ):
                continue
            Application.objects.filter(pk=application.pk).update(last_reminder_at=now)
            notify.send(application.editors.all(), "reminder", application)
            reminded.append(application.public_id)
    return reminded


def open_renewals(*, now=None) -> list[str]:
    """``DPG_RENEWAL_NOTICE_DAYS`` before a listing expires, open its renewal with the answers copied."""
    now = now or timezone.now()
    horizon = now.date() + timedelta(days=settings.DPG_RENEWAL_NOTICE_DAYS)
    opened = []
    for candidate in Application.objects.filter(state=S.DPG, product__expires_on__lte=horizon).select_related(
        "product"
    ):
        with transaction.atomic():
            application = _locked(candidate, None)
            if application.state != S.DPG:
                continue
            _move(application, "open_renewal", S.RENEWAL_DUE, actor=None, role="",
                  expires_on=application.product.expires_on.isoformat())
            _start_renewal(application)
            notify.send(application.editors.all(), "renewal_due", application)
            opened.append(application.public_id)
    return opened


def _start_renewal(application: Application) -> Application:
    now = timezone.now()
    renewal = Application.objects.create(
        name=application.name, category=application.category, standard_version=current_version(),
        organisation=application.organisation, product=application.product, created_at=now, state_entered_at=now,
    )
    renewal.editors.set(application.editors.all())
    _copy_from_product(renewal, application.product)
    record(actor=None, role="", action="application.create", subject=renewal,
           after={"state": S.DRAFT, "renewal_of": application.public_id})
    return renewal


def expire_listings(*, now=None) -> list[str]:
    """Listings past their expiry leave the DPG list; a renewal left as a draft is submitted as it stands."""
    now = now or timezone.now()
    expired = []
    for candidate in Application.objects.filter(
        state__in=[S.DPG, S.RENEWAL_DUE], product__expires_on__lt=now.date()
    ).select_related("product"):
        with transaction.atomic():
            application = _locked(candidate, None)
            if application.state not in (S.DPG, S.RENEWAL_DUE):
                continue  # expired by a clock run beside this one, or before a crash
            product = application.product
            _move(application, "expire", S.EXPIRED, actor=None, role="", expires_on=product.expires_on.isoformat())
            withdraw_listing(product, status=Product.Status.EXPIRED, on=now.date(),
                             reason=f"DPG status expired on {product.expires_on.isoformat()} without renewal")
            notify.send(application.editors.all(), "expired", application)
            for renewal in application.renewals.filter(state=S.DRAFT):
                if not missing(renewal):
                    renewal.submitted_at = now
                    _move(renewal, "submit", S.SUBMITTED, actor=None, role="",
                          reason="submitted as it stood when the listing expired")
            expired.append(application.public_id)
    return expired


# Challenges ---------------------------------------------------------------------------------------


def raise_challenge(*, product: Product, by, reasons: str) -> Challenge:
    if not reasons.strip():
        raise AnswerErrors([AnswerError("reasons", gettext("explain why the product no longer meets the Standard"))])
    if product.status != Product.Status.DPG:
        raise InvalidTransition(gettext("%(name)s is not a listed DPG; only listed DPGs can be challenged")
                                % {"name": product.name})
    with transaction.atomic():
        challenge = Challenge.objects.create(product=product, raised_by=by, reasons=reasons.strip(),
                                             raised_at=timezone.now())
        record(actor=by, role=Role.APPLICANT, action="challenge.raise", subject=challenge,
               after={"product": product.slug})
    return challenge


def resolve_challenge(*, challenge: Challenge, by, upheld: bool, resolution: str) -> Challenge:
    """Dismiss a challenge, or uphold it: then the product's renewal opens now, so its owners answer again."""
    if not resolution.strip():
        raise AnswerErrors([AnswerError("resolution",
                                        gettext("explain the outcome; the person who raised it will read it"))])
    with transaction.atomic():
        challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
        if not roles_of(by) & {Role.L1, Role.L2, Role.ADMIN}:
            raise NotAllowed(gettext("challenges are resolved by L1 or L2 reviewers or admins"))
        if challenge.state != Challenge.State.OPEN:
            raise InvalidTransition(gettext("this challenge was already resolved"))
        challenge.state = Challenge.State.UPHELD if upheld else Challenge.State.DISMISSED
        challenge.resolved_by, challenge.resolved_at, challenge.resolution = by, timezone.now(), resolution.strip()
        challenge.save()
        record(actor=by, role=",".join(sorted(roles_of(by) - {Role.APPLICANT})), action="challenge.resolve",
               subject=challenge, after={"state": challenge.state}, reason=resolution)
        if upheld:
            listed = challenge.product.applications.filter(state=S.DPG).first()
            if listed is not None:
                listed = _locked(listed, None)
                _move(listed, "open_renewal", S.RENEWAL_DUE, actor=by, role=Role.L2, reason=resolution)
                _start_renewal(listed)
                notify.send(listed.editors.all(), "renewal_due", listed)
        notify.send(_reviewer(challenge.raised_by), "challenge_resolved", None, challenge=challenge)
    return challenge

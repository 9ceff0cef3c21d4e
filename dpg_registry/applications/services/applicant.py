"""The applicant's side: starting an application, editing it, its editors, submitting, withdrawing, answering
clarifications."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dpg_registry.accounts.roles import Role
from dpg_registry.accounts.selectors import verified_addresses_of
from dpg_registry.applications.answers import AnswerInput, clean_value
from dpg_registry.applications.errors import (
    AnswerErrors,
    ApplicationError,
    Incomplete,
    InvalidTransition,
    NotAllowed,
)
from dpg_registry.applications.invitations import DAYS, send_invitation
from dpg_registry.applications.models import Answer, Application, Clarification, IndicatorDecision, Invitation
from dpg_registry.applications.renewal_rights import renewal_right
from dpg_registry.applications.selectors import missing, questions_by_key
from dpg_registry.applications.services import notifications
from dpg_registry.applications.services.notifications import recipients
from dpg_registry.applications.services.renewals import copy_from_product
from dpg_registry.applications.services.repository_checks import request_check
from dpg_registry.applications.services.transitions import (
    D,
    L,
    S,
    locked,
    move,
    require_editor,
    require_state,
    touch,
)
from dpg_registry.audit.services import record
from dpg_registry.lib.queue import enqueue
from dpg_registry.lib.validation import FieldError, clean_urls, single_line
from dpg_registry.ownership.selectors import deciding_role, is_owner, owner_organisation
from dpg_registry.registry.countries import country_code
from dpg_registry.registry.models import Organisation, Product
from dpg_registry.standard.models import Category
from dpg_registry.standard.selectors import approved_licence_ids, current_version, sector_names


def create_application(*, user, name: str, category_key: str, organisation_name: str,
                       renewal_of: Product | None = None) -> Application:
    """Start a draft. A new product's organisation is recorded by the name given, which makes nobody its member;
    a renewal is for the product's owner organisation, by a verified owner, an editor of its approved application,
    or staff acting for the owners."""
    right = renewal_right(user, renewal_of) if renewal_of is not None else ""
    if renewal_of is not None and not right:
        raise NotAllowed(gettext("only the verified owners of %(product)s may renew it; claim it first")
                         % {"product": renewal_of.name})
    owner = owner_organisation(renewal_of) if renewal_of is not None else None
    name, organisation_name = name.strip(), (owner.name if owner else organisation_name.strip())
    if not name:
        raise AnswerErrors([FieldError("name", gettext("give the product's name"))])
    if not organisation_name:
        raise AnswerErrors([FieldError("organisation", gettext("give the name of the organisation you apply for"))])
    errors = _not_single_line(name=name, organisation=organisation_name)
    if errors:
        raise AnswerErrors(errors)
    category = Category.objects.filter(key=category_key, is_legacy=False).first()
    if category is None:
        raise AnswerErrors([FieldError("category", gettext("%(category)s is not a category applicants can choose")
                                       % {"category": repr(category_key)})])
    version = current_version()
    if version is None:
        raise ApplicationError(gettext("the DPG Standard is not loaded"))
    now = timezone.now()
    with transaction.atomic():
        organisation = owner or Organisation.objects.get_or_create(name=organisation_name)[0]
        application = Application.objects.create(
            name=name, category=category, standard_version=version, organisation=organisation,
            product=renewal_of, created_at=now, state_entered_at=now,
        )
        application.editors.add(user)
        if renewal_of is not None:
            copy_from_product(application, renewal_of, started_by=user)
        staff = right == "staff"
        record(actor=user, role=deciding_role(user) if staff else Role.APPLICANT, action="application.create",
               subject=application, after={"state": S.DRAFT, "name": name, "category": category.key,
                                           "renewal_of": renewal_of.slug if renewal_of else None,
                                           **({"for_owners_of": renewal_of.slug} if staff else {})},
               reason=gettext("staff renewal for the product's owners") if staff else "")
    return application


def _not_single_line(**values: str) -> list[FieldError]:
    """An error for each single-line field whose value holds a control character (a line break, a tab...)."""
    errors = []
    for field, value in values.items():
        try:
            single_line(value, field)
        except FieldError as error:
            errors.append(error)
    return errors


def invite_editor(*, application: Application, by, email: str) -> Invitation:
    """Invite the holder of ``email`` to co-edit. Whether an account uses the address is never looked up: the
    answer, and the work done, are the same either way."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise AnswerErrors([FieldError("email", gettext("%(email)s is not an e-mail address")
                                       % {"email": repr(email)})]) from None
    with transaction.atomic():
        application = locked(application, None)
        require_editor(application, by)
        invitation = Invitation.objects.create(application=application, email=email, invited_by=by,
                                               created_at=timezone.now())
        record(actor=by, role=Role.APPLICANT, action="application.invite_editor", subject=application,
               after={"invitation": invitation.pk})  # the address stays out of the trail
        enqueue(send_invitation, invitation.pk)
    return invitation


def answer_invitation(*, invitation: Invitation, by, accept: bool) -> Invitation:
    """Accept (become a co-editor, and nothing more: no organisation membership) or decline an invitation sent
    to one of ``by``'s verified addresses."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("application").get(pk=invitation.pk)
        if invitation.email not in verified_addresses_of(by):
            raise NotAllowed(gettext("this invitation was sent to another address"))
        if invitation.withdrawn_at is not None:
            raise InvalidTransition(gettext("this invitation was withdrawn by the person who sent it"))
        if invitation.accepted is not None:
            raise InvalidTransition(gettext("this invitation was already answered"))
        if invitation.created_at < timezone.now() - timezone.timedelta(days=DAYS):
            raise InvalidTransition(gettext("this invitation has expired; ask for a new one"))
        invitation.accepted, invitation.answered_by, invitation.answered_at = accept, by, timezone.now()
        invitation.save()
        application = locked(invitation.application, None)
        if accept:
            application.editors.add(by)
        record(actor=by, role=Role.APPLICANT, action="application.accept_invitation" if accept
               else "application.decline_invitation", subject=application,
               after={"invitation": invitation.pk, **({"editor": by.pk} if accept else {})})
    return invitation


def withdraw_invitation(*, invitation: Invitation, by) -> Invitation:
    """The person who sent an unanswered invitation, or a verified owner of the product the application is for,
    withdraws it: it can no longer be accepted, and its link says it was withdrawn."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("application").get(pk=invitation.pk)
        application = invitation.application
        if invitation.invited_by_id != by.pk and not (application.product_id and is_owner(by, application.product)):
            raise NotAllowed(gettext("only the person who sent an invitation, or an owner of the product, "
                                     "withdraws it"))
        if invitation.withdrawn_at is not None or invitation.accepted is not None:
            raise InvalidTransition(gettext("this invitation was already answered or withdrawn"))
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at"])
        record(actor=by, role=Role.APPLICANT, action="application.withdraw_invitation", subject=application,
               after={"invitation": invitation.pk})
    return invitation


def remove_editor(*, application: Application, by, user) -> None:
    """An editor (or a verified owner of the product renewed) takes ``user`` off the editors; never the last one."""
    with transaction.atomic():
        application = locked(application, None)
        if not (application.product_id and is_owner(by, application.product)):
            require_editor(application, by)
        if not application.editors.filter(pk=user.pk).exists():
            raise InvalidTransition(gettext("%(email)s is not an editor of application %(id)s")
                                    % {"email": user.email, "id": application.public_id})
        if application.editors.count() == 1:
            raise InvalidTransition(gettext("the last editor of application %(id)s cannot be removed")
                                    % {"id": application.public_id})
        application.editors.remove(user)
        record(actor=by, role=Role.APPLICANT, action="application.remove_editor", subject=application,
               before={"editor": user.pk})


def save_about(*, application: Application, by, expected_version: int, name: str, description: str, website: str,
               repository_urls: list[str], sectors: list[str], deployment_countries: list[str],
               contact_name: str = "", contact_email: str = "") -> Application:
    contact_email = contact_email.strip()
    errors = _not_single_line(name=name, contact_name=contact_name, contact_email=contact_email)
    if contact_email and "contact_email" not in {error.field for error in errors}:
        try:
            validate_email(contact_email)
        except ValidationError:
            errors.append(FieldError("contact_email", f"{contact_email!r} is not an e-mail address"))
    try:
        website = (clean_urls([website], "website") or [""])[0]
    except FieldError as error:
        errors.append(error)
    try:
        repository_urls = clean_urls(repository_urls, "repository_urls", repository=True)
    except FieldError as error:
        errors.append(error)
    unknown = sorted(set(sectors) - sector_names())
    if unknown:
        errors.append(FieldError("sectors", gettext("unknown sectors: %(sectors)s") % {"sectors": ", ".join(unknown)}))
    codes = []
    for country in deployment_countries:
        code = country_code(country)
        if code is None:
            message = gettext("%(country)s is not a country this registry knows") % {"country": repr(country)}
            errors.append(FieldError("deployment_countries", message))
        codes.append(code)
    if not name.strip():
        errors.append(FieldError("name", gettext("give the product's name")))
    if errors:
        raise AnswerErrors(errors)
    with transaction.atomic():
        application = locked(application, expected_version)
        require_editor(application, by)
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
            touch(application)
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
            errors.append(FieldError(key, "this question is not part of the application"))
            continue
        try:
            value = clean_value(question, given.value, approved)
            urls = clean_urls(given.evidence_urls, f"{key} evidence")
        except FieldError as error:
            errors.append(error)
            continue
        cleaned[key] = (question, value, urls, given)
    if errors:
        raise AnswerErrors(errors)
    with transaction.atomic():
        application = locked(application, expected_version)
        require_editor(application, by)
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
            touch(application)
            record(actor=by, role=Role.APPLICANT, action="application.answers", subject=application,
                   after={"questions": sorted(changed)})
    return application


def submit(*, application: Application, by, expected_version: int | None = None) -> Application:
    """Send a complete draft for review, a renewal only while one of its editors may renew the product.
    Submitting an already submitted application changes nothing."""
    with transaction.atomic():
        application = locked(application, None)
        require_editor(application, by)
        if application.submitted_at is not None and application.state != S.DRAFT:
            return application
        if application.product_id and not any(renewal_right(editor, application.product)
                                              for editor in application.editors.all()):
            # A revoked owner's renewal draft: the right to renew ends at once, not at the next draft.
            raise NotAllowed(gettext("nobody editing this renewal may renew %(product)s any more; its owners may")
                             % {"product": application.product.name})
        if expected_version is not None and application.version != expected_version:
            application = locked(application, expected_version)
        gaps = missing(application)
        if gaps:
            raise Incomplete(gettext("application %(id)s is not complete yet") % {"id": application.public_id}, gaps)
        application.submitted_at = timezone.now()
        move(application, "submit", S.SUBMITTED, actor=by, role=Role.APPLICANT)
        notifications.send(application.editors.all(), "submitted", application)
        if application.repository_urls:
            request_check(application=application)  # reviewers find the findings beside the answers
    return application


def withdraw(*, application: Application, by, reason: str = "", expected_version: int | None = None) -> Application:
    with transaction.atomic():
        application = locked(application, expected_version)
        require_editor(application, by)
        move(application, "withdraw", S.WITHDRAWN, actor=by, role=Role.APPLICANT, reason=reason)
    return application


def respond_to_clarification(*, clarification: Clarification, by, response: str,
                             expected_version: int | None = None) -> Application:
    if not response.strip():
        raise AnswerErrors([FieldError("response", gettext("write your answer to the reviewer's question"))])
    with transaction.atomic():
        application = locked(clarification.application, expected_version)
        require_editor(application, by)
        clarification.refresh_from_db()
        require_state(application, "respond")
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
            move(application, "respond", S.L2_REVIEW, actor=by, role=Role.APPLICANT)
            notifications.send(recipients(application.l2_reviewer), "clarified", application)
        else:
            touch(application)
    return application

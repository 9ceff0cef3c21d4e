"""What of an application is public: the one rule every public surface follows.

An answer marked private is read only by the application's editors and the registry's staff. Every output
for anyone else is built from ``public_answers`` alone, so nothing derived from a private answer (its value,
its justification, its evidence, nor a listing field computed from it) reaches a public page, the API, a
dump, a snapshot, the report or an e-mail to someone outside the review.
"""

from dpg_registry.accounts.selectors import is_staff
from dpg_registry.applications.models import Answer, Application


def public_answers(application: Application) -> dict[str, Answer]:
    """The answers anyone may read, by question: those not marked private, none once the application is archived."""
    if application.state == Application.State.ARCHIVED:
        return {}
    answers = application.answers.filter(is_private=False).order_by("indicator_code", "question_key")
    return {answer.question_key: answer for answer in answers}


def may_see_private(user, application: Application) -> bool:
    """Whether ``user`` may read ``application``'s private answers: its editors and the registry's staff may."""
    if user is None or not user.is_authenticated:
        return False
    return is_staff(user) or application.editors.filter(pk=user.pk).exists()


def answered_privately_last_time(application: Application) -> set[str]:
    """The questions the application this one renews answered privately, where this one has no answer yet."""
    if application.renewal_of_id is None:
        return set()
    private = set(application.renewal_of.answers.filter(is_private=True).values_list("question_key", flat=True))
    given = {answer.question_key for answer in application.answers.filter(question_key__in=private)
             if answer.value is not None or answer.justification or answer.evidence_urls}
    return private - given

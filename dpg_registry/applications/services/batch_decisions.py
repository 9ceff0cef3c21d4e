"""Several indicators decided at once, as the review workbench sends them without JavaScript: every
decision is recorded, or none is."""

from django.db import transaction

from dpg_registry.applications.errors import AnswerErrors, ConflictOfInterest
from dpg_registry.applications.models import Application
from dpg_registry.applications.services.assignment import send_back
from dpg_registry.applications.services.review import decide_indicator
from dpg_registry.lib.validation import FieldError


def decide_indicators(*, application: Application, by, level: str, expected_version: int,
                      decisions: dict[str, dict]) -> Application:
    """Record ``decisions`` (indicator code → decision, note, public_reason, expert, question) in one
    transaction, each through ``decide_indicator`` and its rules. A refused decision raises
    ``AnswerErrors`` whose fields read ``<code>-<field>``, and nothing is recorded."""
    version = expected_version
    try:
        with transaction.atomic():
            for code, decision in decisions.items():
                try:
                    application = decide_indicator(
                        application=application, by=by, level=level, indicator_code=code,
                        expected_version=version, **decision)
                except AnswerErrors as errors:
                    raise AnswerErrors([FieldError(f"{code}-{error.field}", error.message)
                                        for error in errors.errors]) from errors
                version = application.version
    except ConflictOfInterest as conflict:
        if conflict.user.pk == by.pk:  # the hand-back was undone with the decisions: done again, on its own
            send_back(application=conflict.application, reviewer=by)
        raise
    return application

"""`dpg role` goes through the same accounts services as the console: its grants carry the reason given."""

import pytest

from dpg_registry.audit.models import AuditEvent
from tests.conftest import run_dpg
from tests.factories import make_user


@pytest.mark.django_db(transaction=True)
def test_the_command_line_records_the_reason_given(standard):
    user = make_user("ada@review.example")
    granted = run_dpg("role", "grant", "ada@review.example", "l2", "--reason", "Leads the L2 team.")
    assert granted.returncode == 0, granted.stderr
    revoked = run_dpg("role", "revoke", "ada@review.example", "l2")
    assert revoked.returncode == 0, revoked.stderr
    events = AuditEvent.objects.filter(subject_id=str(user.pk), action__in=["role.grant", "role.revoke"])
    assert [(event.action, event.reason, event.actor_label) for event in events] == [
        ("role.grant", "Leads the L2 team.", "system"), ("role.revoke", "from the command line", "system")]

"""`dpg role`, `dpg scheduler` and `dpg worker` as an operator runs them."""

import pytest
from django.core import mail

from dpg_registry.accounts.selectors import roles_of
from dpg_registry.applications.models import Notification
from dpg_registry.applications.services import applicant
from tests.conftest import run_dpg
from tests.factories import make_user


@pytest.mark.django_db(transaction=True)
def test_roles_are_granted_listed_and_revoked_from_the_command_line(standard):
    make_user("ada@review.example")
    granted = run_dpg("role", "grant", "ada@review.example", "admin")
    assert granted.returncode == 0, granted.stderr
    assert "ada@review.example\tadmin" in run_dpg("role", "list").stdout
    unknown = run_dpg("role", "grant", "nobody@example.org", "l1")
    assert unknown.returncode == 1 and "no account with the e-mail address 'nobody@example.org'" in unknown.stderr
    assert run_dpg("role", "revoke", "ada@review.example", "admin").returncode == 0
    from django.contrib.auth import get_user_model

    assert roles_of(get_user_model().objects.get(email="ada@review.example")) == {"applicant"}


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_queued_e_mails_and_the_scheduler_queues_the_clock(people, draft):
    applicant.submit(application=draft, by=people["applicant"])
    note = Notification.objects.get(kind="submitted")
    assert note.emailed_at is None
    scheduled = run_dpg("scheduler", "--once")
    assert scheduled.returncode == 0 and "review clock enqueued" in scheduled.stdout
    worked = run_dpg("worker", "--batch", "--no-startup-delay")
    assert worked.returncode == 0, worked.stderr
    note.refresh_from_db()
    assert note.emailed_at is not None
    # The worker is another process: its console backend printed the e-mail, with both parts.
    assert f"Application {draft.public_id} received" in worked.stdout
    assert "text/html" in worked.stdout and not mail.outbox

"""The console's queue over HTTP: who may see it, its filters and search as shareable URLs, tags and priorities
(audited), reviewers' workload and the time applications spend in each stage."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from dpg_registry.applications.services import applicant, review
from dpg_registry.audit.models import AuditEvent
from dpg_registry.console import views
from tests.console.conftest import new_application, text

pytestmark = pytest.mark.django_db


def listed(response) -> list[str]:
    """The names of the applications the queue page lists, in its order."""
    return re.findall(r'<a href="/review/\w+/">\w+ ([^<]+)</a>', response.content.decode())


def test_strangers_sign_in_first_and_applicants_are_refused(people, client_of):
    response = Client().get("/console/queue/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client_of(people["stranger"]).get("/console/queue/").status_code == 403
    assert client_of(people["applicant"]).get("/console/queue/").status_code == 403


def test_staff_who_have_not_proven_their_authenticator_are_sent_to_do_so(people):
    client = Client()
    client.force_login(people["l1"])
    response = client.get("/console/queue/")
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_every_staff_role_sees_the_queue(people, client_of, in_review):
    for role in ("l1", "l2", "expert", "admin"):
        response = client_of(people[role]).get("/console/queue/")
        assert response.status_code == 200
        assert set(listed(response)) == {"Farm Ledger", "Open Clinic", "School Meals"}


def test_filters_are_get_parameters_and_combine(people, client_of, in_review):
    client = client_of(people["l2"])
    assert listed(client.get("/console/queue/?state=l1_review")) == ["Farm Ledger"]
    assert listed(client.get("/console/queue/?overdue=on")) == ["Farm Ledger"]
    assert set(listed(client.get("/console/queue/?state=submitted"))) == {"Open Clinic", "School Meals"}
    assert set(listed(client.get("/console/queue/?sdg=2"))) == {"Farm Ledger", "School Meals"}
    assert listed(client.get("/console/queue/?sdg=2&state=submitted")) == ["School Meals"]
    assert listed(client.get("/console/queue/?kind=renewal")) == ["School Meals"]
    assert set(listed(client.get("/console/queue/?kind=new"))) == {"Farm Ledger", "Open Clinic"}
    assert listed(client.get(f"/console/queue/?assignee={people['l1'].pk}")) == ["Farm Ledger"]
    assert set(listed(client.get("/console/queue/?assignee=none"))) == {"Open Clinic", "School Meals"}
    assert len(listed(client.get("/console/queue/?category=software"))) == 3
    assert listed(client.get("/console/queue/?category=content")) == []


def test_search_finds_by_name_or_public_id(people, client_of, in_review):
    client = client_of(people["l1"])
    assert listed(client.get("/console/queue/?q=clinic")) == ["Open Clinic"]
    public_id = in_review["meals"].public_id
    assert listed(client.get(f"/console/queue/?q={public_id.lower()}")) == ["School Meals"]
    assert "No application in review matches" in text(client.get("/console/queue/?q=nothing-like-this"))


def test_a_bad_filter_is_named_and_lists_nothing(people, client_of, in_review):
    response = client_of(people["l1"]).get("/console/queue/?sdg=18&state=l1_review")
    page = text(response)
    assert response.status_code == 200
    assert "Some filters are not valid" in page
    assert "Select a valid choice. 18 is not one of the available choices." in page
    assert listed(response) == []


def test_tags_are_audited_and_filter_the_queue(people, client_of, in_review):
    client = client_of(people["l1"])
    clinic = in_review["clinic"]
    response = client.post(f"/console/queue/{clinic.public_id}/tags/",
                           {"tag": "Needs-Expert", "next": "/console/queue/?state=submitted"})
    assert response.status_code == 302 and response["Location"] == "/console/queue/?state=submitted"
    assert listed(client.get("/console/queue/?tag=needs-expert")) == ["Open Clinic"]
    event = AuditEvent.objects.get(action="console.tag.add")
    assert (event.subject_id, event.after, event.actor_id, event.role) == (
        str(clinic.pk), {"tag": "needs-expert"}, people["l1"].pk, "l1")

    client.post(f"/console/queue/{clinic.public_id}/tags/remove/", {"tag": "needs-expert"})
    assert listed(client.get("/console/queue/?tag=needs-expert")) == []
    assert AuditEvent.objects.get(action="console.tag.remove").before == {"tag": "needs-expert"}


def test_a_bad_tag_is_refused_with_the_field_named(people, client_of, in_review):
    client = client_of(people["l1"])
    response = client.post(f"/console/queue/{in_review['clinic'].public_id}/tags/", {"tag": "two words"},
                           follow=True)
    assert "tag: a tag is 1 to 40 letters" in text(response)
    assert not AuditEvent.objects.filter(action="console.tag.add").exists()


def test_experts_see_the_queue_but_cannot_tag_or_prioritise(people, client_of, in_review):
    client = client_of(people["expert"])
    public_id = in_review["clinic"].public_id
    assert client.post(f"/console/queue/{public_id}/tags/", {"tag": "x"}).status_code == 403
    assert client.post(f"/console/queue/{public_id}/priority/", {"priority": "3"}).status_code == 403
    assert not AuditEvent.objects.filter(action__startswith="console.").exists()


def test_priority_is_audited_and_puts_the_application_first(people, client_of, in_review):
    client = client_of(people["l2"])
    assert listed(client.get("/console/queue/"))[0] == "Farm Ledger"  # the longest waiting
    meals = in_review["meals"]
    client.post(f"/console/queue/{meals.public_id}/priority/", {"priority": "3"})
    page = client.get("/console/queue/")
    assert listed(page)[0] == "School Meals"
    event = AuditEvent.objects.get(action="console.priority")
    assert (event.before, event.after, event.role) == ({"priority": "Normal"}, {"priority": "Urgent"}, "l2")


def test_pages_keep_the_filters(people, client_of, in_review, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    client = client_of(people["l1"])
    first = client.get("/console/queue/?state=submitted")
    assert len(listed(first)) == 1
    assert 'href="?state=submitted&amp;page=2"' in first.content.decode()
    second = client.get("/console/queue/?state=submitted&page=2")
    assert set(listed(first) + listed(second)) == {"Open Clinic", "School Meals"}


def test_each_row_links_to_the_reassign_form_of_the_review_page(people, client_of, in_review):
    farm = in_review["farm"]
    page = client_of(people["l2"]).get("/console/queue/").content.decode()
    assert f'href="/review/{farm.public_id}/#reassign-title"' in page


def test_workload_counts_open_assignments_per_person(people, client_of, in_review):
    page = text(client_of(people["admin"]).get("/console/queue/"))
    row = re.search(r"lena@review\.example</a></th>(.*?)</tr>", page).group(1)
    assert re.findall(r"<td>(\d+)</td>", row) == ["1", "0", "0", "1"]
    row = re.search(r"luis@review\.example</a></th>(.*?)</tr>", page).group(1)
    assert re.findall(r"<td>(\d+)</td>", row) == ["0", "0", "0", "0"]


def test_stage_times_are_the_median_and_90th_percentile_of_the_last_90_days(people, client_of):
    now = timezone.now()
    # Waiting in the queue: 100 days left before the window (not counted), then 2 and 6 days.
    for name, submitted, pulled in (("Old", 130, 100), ("Quick", 30, 28), ("Slow", 10, 4)):
        application = new_application(people, name, [1])
        with time_machine.travel(now - timedelta(days=submitted), tick=False):
            applicant.submit(application=application, by=people["applicant"])
        with time_machine.travel(now - timedelta(days=pulled), tick=False):
            review.pull_next(reviewer=people["l1"], level="l1")
    page = text(client_of(people["l2"]).get("/console/queue/"))
    row = re.search(r"Submitted, waiting for L1 review</th>(.*?)</tr>", page).group(1)
    assert re.findall(r"<td>([^<]+)</td>", row) == ["2", "4.0", "6.0"]
    row = re.search(r"In L1 review</th>(.*?)</tr>", page).group(1)
    assert re.findall(r"<td>([^<]+)</td>", row) == ["0", "—", "—"]

"""Limits on creating applications and on repository checks: one check at a time per application, rate
limits per account and per address, and each account's daily budget of check time; on pages and over the API."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dpg_registry.applications import tasks
from dpg_registry.applications.models import Application, RepositoryCheck
from dpg_registry.applications.services import applicant
from dpg_registry.audit.models import AuditEvent
from tests.applications.test_repository_checks import git_repository
from tests.factories import make_user, sign_in

REPOSITORY = {"repository": "https://example.org/clinic/code"}
WIDE = "1000/h/ip,1000/h/user"


def at(address: str, user=None) -> Client:
    client = Client(REMOTE_ADDR=address)
    if user is not None:
        sign_in(client, user)
    return client


def new_draft(user, name="Open Clinic") -> Application:
    return applicant.create_application(user=user, name=name, category_key="software",
                                        organisation_name="Open Clinic Foundation")


def page_text(response) -> str:
    return response.content.decode()


def queued_checks() -> int:
    return DBTaskResult.objects.filter(task_path="dpg_registry.applications.tasks.run_repository_check").count()


def assert_too_many(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1


@pytest.fixture
def wide_limits(settings):
    settings.DPG_RATE_LIMITS = {**settings.DPG_RATE_LIMITS, "check": WIDE, "create": WIDE}
    return settings


@pytest.mark.django_db
def test_a_flood_of_check_requests_queues_one_check(wide_limits, people):
    draft = new_draft(people["applicant"])
    client = at("203.0.113.60", people["applicant"])
    url = f"/applications/{draft.public_id}/check/"
    pages = [page_text(client.post(url, REPOSITORY, follow=True)) for _ in range(40)]
    assert "The repository is being checked" in pages[0]
    assert all("already waiting or running" in page and "being checked" not in page for page in pages[1:])
    assert RepositoryCheck.objects.filter(application=draft).count() == 1
    assert queued_checks() == 1
    assert AuditEvent.objects.filter(action="check.request").count() == 1


@pytest.mark.django_db
def test_check_requests_are_limited_per_account_across_addresses(settings, people):
    settings.DPG_RATE_LIMITS = {**settings.DPG_RATE_LIMITS, "check": "100/h/ip,2/h/user"}
    drafts = [new_draft(people["applicant"], f"Clinic {number}") for number in range(3)]
    for number, address in enumerate(("203.0.113.61", "203.0.113.62")):
        assert at(address, people["applicant"]).post(f"/applications/{drafts[number].public_id}/check/",
                                                     REPOSITORY).status_code == 302
    refused = at("203.0.113.63", people["applicant"]).post(f"/applications/{drafts[2].public_id}/check/", REPOSITORY)
    assert_too_many(refused)
    assert "Too many requests" in page_text(refused)
    assert not RepositoryCheck.objects.filter(application=drafts[2]).exists()


@pytest.mark.django_db
def test_check_requests_are_limited_per_address(settings, people):
    settings.DPG_RATE_LIMITS = {**settings.DPG_RATE_LIMITS, "check": "2/h/ip,100/h/user"}
    other = make_user("omar@clinic.example")
    mine, theirs, third = new_draft(people["applicant"], "A"), new_draft(other, "B"), new_draft(other, "C")
    assert at("203.0.113.64", people["applicant"]).post(f"/applications/{mine.public_id}/check/",
                                                      REPOSITORY).status_code == 302
    assert at("203.0.113.64", other).post(f"/applications/{theirs.public_id}/check/", REPOSITORY).status_code == 302
    assert_too_many(at("203.0.113.64", other).post(f"/applications/{third.public_id}/check/", REPOSITORY))
    assert at("203.0.113.65", other).post(f"/applications/{third.public_id}/check/", REPOSITORY).status_code == 302
    assert RepositoryCheck.objects.count() == 3


def _create(client, name: str):
    return client.post("/applications/new/", {"name": name, "category": "software",
                                              "organisation": "Open Clinic Foundation"})


@pytest.mark.django_db
def test_creating_applications_is_limited_per_account_and_per_address(settings, people):
    settings.DPG_RATE_LIMITS = {**settings.DPG_RATE_LIMITS, "create": "2/h/ip,2/h/user"}
    amina = people["applicant"]
    assert _create(at("203.0.113.70", amina), "First").status_code == 302
    assert _create(at("203.0.113.70", amina), "Second").status_code == 302
    assert_too_many(_create(at("203.0.113.72", amina), "Third"))  # a third from the same account
    assert at("203.0.113.72", amina).get("/applications/new/").status_code == 200  # reading the form does not count
    assert Application.objects.filter(editors=amina).count() == 2

    omar = make_user("omar@clinic.example")
    assert_too_many(_create(at("203.0.113.70", omar), "One"))  # a third from the same address
    assert _create(at("203.0.113.73", omar), "Two").status_code == 302
    assert list(Application.objects.filter(editors=omar).values_list("name", flat=True)) == ["Two"]


def _spend(user, seconds: int) -> None:
    application = new_draft(user, "Earlier")
    started = timezone.now() - timedelta(seconds=seconds + 5)
    RepositoryCheck.objects.create(application=application, target="https://example.org/earlier", requested_by=user,
                                   requested_at=started, started_at=started, finished_at=started + timedelta(
                                       seconds=seconds), status=RepositoryCheck.Status.DONE)


def _tomorrow() -> str:
    return (datetime.now(UTC).date() + timedelta(days=1)).isoformat() + " 00:00 UTC"


@pytest.mark.django_db
def test_a_spent_budget_refuses_new_checks_naming_when_it_renews(wide_limits, people):
    wide_limits.DPG_CHECK_BUDGET_SECONDS_PER_DAY = 120
    _spend(people["applicant"], 121)
    draft = new_draft(people["applicant"])
    page = at("203.0.113.80", people["applicant"]).post(f"/applications/{draft.public_id}/check/", REPOSITORY,
                                                       follow=True)
    assert "used up today&#x27;s time" in page_text(page) and _tomorrow() in page_text(page)
    assert not draft.repository_checks.exists() and queued_checks() == 0
    # Another account still has its whole budget.
    other = make_user("omar@clinic.example")
    theirs = new_draft(other)
    at("203.0.113.80", other).post(f"/applications/{theirs.public_id}/check/", REPOSITORY)
    assert theirs.repository_checks.count() == 1


@pytest.mark.django_db
def test_a_checks_clone_stops_at_what_is_left_of_the_budget(wide_limits, people, tmp_path, monkeypatch):
    wide_limits.DPG_CHECK_BUDGET_SECONDS_PER_DAY = 100
    _spend(people["applicant"], 60)
    draft = new_draft(people["applicant"])
    check = RepositoryCheck.objects.create(application=draft, target=f"file://{git_repository(tmp_path / 'c')}",
                                           requested_by=people["applicant"], requested_at=timezone.now())
    given = {}
    real = tasks.run_check
    monkeypatch.setattr(tasks, "run_check", lambda target, **options: given.update(options) or real(
        target, **{**options, "public_only": False}))
    assert tasks.run_repository_check.call(check.pk) == "done"
    assert 30 <= given["clone_seconds"] <= 40  # 100 s a day, 60 s spent, the seconds since then
    check.refresh_from_db()
    assert check.started_at is not None and check.finished_at >= check.started_at

    _spend(people["applicant"], 100)  # now spent
    late = RepositoryCheck.objects.create(application=draft, target=check.target, requested_by=people["applicant"],
                                          requested_at=timezone.now())
    given.clear()
    assert tasks.run_repository_check.call(late.pk) == "failed"
    late.refresh_from_db()
    assert not given and late.started_at is None  # never cloned
    assert "used up today's time" in late.error and _tomorrow() in late.error


def _api_check(client, draft, **body):
    return client.post(f"/api/v1/applications/{draft.public_id}/checks", json.dumps(body or REPOSITORY),
                       content_type="application/json")


@pytest.mark.django_db
def test_the_api_queues_one_check_and_answers_409_then_429_with_retry_after(settings, people):
    settings.DPG_RATE_LIMITS = {**settings.DPG_RATE_LIMITS, "check": "100/h/ip,3/h/user"}
    draft = new_draft(people["applicant"])
    client = at("203.0.113.90", people["applicant"])
    queued = _api_check(client, draft)
    assert queued.status_code == 202 and queued.json()["status"] == "queued"
    again = _api_check(client, draft)
    assert again.status_code == 409 and "already waiting or running" in again.json()["detail"]
    assert again["Content-Type"] == "application/problem+json"
    assert _api_check(client, draft, repository="/etc").json()["parameter"] == "repository"
    refused = _api_check(client, draft)
    assert_too_many(refused)
    assert refused.json()["title"] == "Too many requests"
    assert RepositoryCheck.objects.count() == 1 and queued_checks() == 1
    assert _api_check(Client(), draft).status_code == 401
    stranger = at("203.0.113.91", people["stranger"])
    assert _api_check(stranger, draft).status_code == 403


@pytest.mark.django_db
def test_the_api_answers_a_spent_budget_with_429_until_midnight(settings, people):
    settings.DPG_CHECK_BUDGET_SECONDS_PER_DAY = 60
    _spend(people["applicant"], 60)
    draft = new_draft(people["applicant"])
    refused = _api_check(at("203.0.113.92", people["applicant"]), draft)
    assert_too_many(refused)
    midnight = datetime.combine(datetime.now(UTC).date() + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    assert abs(int(refused["Retry-After"]) - (midnight - datetime.now(UTC)).total_seconds()) < 5
    assert _tomorrow() in refused.json()["detail"]


@pytest.mark.django_db
def test_the_api_checks_the_csrf_token_of_the_session(people):
    draft = new_draft(people["applicant"])
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.93")
    sign_in(client, people["applicant"])
    refused = _api_check(client, draft)
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    assert not RepositoryCheck.objects.exists()

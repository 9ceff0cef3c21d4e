"""The repository check inside the application: fill empty answers, respect people, show reviewers."""

import subprocess

import pytest
from django.test import Client
from django.utils import timezone

from dpg_registry.applications.answers import AnswerInput
from dpg_registry.applications.errors import AnswerErrors, NotAllowed
from dpg_registry.applications.models import RepositoryCheck
from dpg_registry.applications.services import applicant, repository_checks
from dpg_registry.applications.tasks import run_repository_check
from tests.checks.test_cli import small_project
from tests.factories import run_tasks, sign_in

pytestmark = pytest.mark.usefixtures("local_repositories")


def git_repository(path):
    project = small_project(path)
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git[:3] + ["init", "-q", "-b", "main"], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "first"], check=True)
    return project


def checked(application, project, by=None) -> RepositoryCheck:
    # The web form takes web addresses only; the task itself reads any address git can clone.
    check = RepositoryCheck.objects.create(application=application, target=f"file://{project}", autofill=True,
                                           requested_by=by, requested_at=timezone.now())
    run_repository_check.call(check.pk)
    check.refresh_from_db()
    return check


@pytest.fixture
def empty_draft(people):
    return applicant.create_application(user=people["applicant"], name="Open Clinic", category_key="software",
                                       organisation_name="Open Clinic Foundation")


@pytest.mark.django_db
def test_the_check_fills_empty_answers_and_marks_them(empty_draft, tmp_path):
    check = checked(empty_draft, git_repository(tmp_path / "clinic"))
    assert check.status == "done" and len(check.commit) == 40
    assert check.report["main_license"] == "MIT"
    licence = empty_draft.answers.get(question_key="licenses")
    assert licence.value == "MIT" and licence.filled_by_check == "high"
    assert licence.justification.startswith("Found by the repository check:")


@pytest.mark.django_db
def test_a_persons_answer_is_replaced_only_by_a_confident_finding(people, empty_draft, tmp_path):
    applicant.save_answers(application=empty_draft, by=people["applicant"], expected_version=empty_draft.version,
                          answers={"licenses": AnswerInput("Apache-2.0"), "owner_name": AnswerInput("Clinic Trust")})
    checked(empty_draft, git_repository(tmp_path / "clinic"))
    assert empty_draft.answers.get(question_key="licenses").value == "MIT"  # the licence file says so, clearly
    owner = empty_draft.answers.get(question_key="owner_name")
    assert owner.value == "Clinic Trust" and owner.filled_by_check == ""


@pytest.mark.django_db
def test_an_answer_the_person_edits_is_theirs_again(people, empty_draft, tmp_path):
    checked(empty_draft, git_repository(tmp_path / "clinic"))
    empty_draft.refresh_from_db()
    applicant.save_answers(application=empty_draft, by=people["applicant"], expected_version=empty_draft.version,
                          answers={"licenses": AnswerInput("MIT OR Apache-2.0")})
    assert empty_draft.answers.get(question_key="licenses").filled_by_check == ""


@pytest.mark.django_db
def test_the_form_takes_only_web_addresses(people, empty_draft):
    with pytest.raises(AnswerErrors, match="repository: a repository address must start with https://"):
        repository_checks.request_check(application=empty_draft, by=people["applicant"], target="/etc",
                                        autofill=True)
    with pytest.raises(NotAllowed):
        repository_checks.request_check(application=empty_draft, by=people["stranger"],
                                        target="https://example.org/clinic.git")


@pytest.mark.django_db(transaction=True)
def test_submitting_queues_a_check_of_the_repository(people, draft):
    applicant.submit(application=draft, by=people["applicant"])
    check = draft.repository_checks.get()
    assert check.target == "https://example.org/clinic/code" and not check.autofill


@pytest.mark.django_db
def test_reviewers_see_the_findings_beside_the_answers(people, draft, tmp_path):
    applicant.submit(application=draft, by=people["applicant"])
    RepositoryCheck.objects.all().delete()
    check = checked(draft, git_repository(tmp_path / "clinic"))
    check.autofill = False
    reviewer = Client()
    sign_in(reviewer, people["l1"])
    page = reviewer.get(f"/review/{draft.public_id}/").content.decode()
    assert f"at commit {check.commit[:12]}" in page and "main licence MIT" in page
    assert "<h3>Repository check</h3>" in page and "<code>LICENSE" in page  # beside the licence indicator


@pytest.mark.django_db(transaction=True)
def test_start_from_my_repository_on_the_application_page(people, empty_draft):
    client = Client()
    sign_in(client, people["applicant"])
    response = client.post(f"/applications/{empty_draft.public_id}/check/",
                           {"repository": "https://example.org/clinic.git"}, follow=True)
    assert "being checked" in response.content.decode()
    run_tasks()
    check = empty_draft.repository_checks.get()
    assert check.status in ("done", "failed")
    page = client.get(f"/applications/{empty_draft.public_id}/").content.decode()
    assert "Last check:" in page


@pytest.mark.django_db
def test_a_check_that_crashes_is_recorded_as_failed_not_left_queued(empty_draft, monkeypatch):
    from dpg_registry.applications import tasks

    def crash(target, **options):
        raise OSError("No space left on device")

    monkeypatch.setattr(tasks, "run_check", crash)
    check = RepositoryCheck.objects.create(application=empty_draft, target="https://example.org/clinic.git",
                                           requested_at=timezone.now())
    with pytest.raises(OSError):
        run_repository_check.call(check.pk)
    check.refresh_from_db()
    assert check.status == "failed" and check.finished_at is not None
    assert "No space left on device" in check.error
    assert run_repository_check.call(check.pk) == "failed"  # run again by the queue, it stays as recorded

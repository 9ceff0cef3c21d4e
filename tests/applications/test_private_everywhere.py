"""Private stays private, on every surface.

Every question of an application is answered privately, each part carrying its own marker (the value where
the question takes free text or addresses, the justification and the evidence of every question). The
application goes through the review to a listing; then every public surface is read signed out: the
profile and its JSON, the API, the DPGA's legacy API, the dumps, the feed, the public review record, the
report, a `dpg snapshot`, and the e-mails sent to anyone but the reviewers. No marker may appear, and no
listing field may come from a private answer (licence, goals, relevance, owner).
"""

import json

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from dpg_registry.applications.answers import AnswerInput
from dpg_registry.applications.models import Notification
from dpg_registry.applications.selectors import indicators_of, questions_by_key
from dpg_registry.applications.services import applicant
from dpg_registry.standard.models import Question
from tests.conftest import run_dpg

MARK = "qzxprivate"
REVIEWERS = ("lorna.reviewer@review.example", "lars.reviewer@review.example")
APPLICANT = "amaru.applicant@clinic.example"
T = Question.AnswerType
# Questions whose value has a fixed shape cannot carry a marker: they are answered with a valid value, and the
# test checks that the listing does not take them up (licence, goals) instead.
FIXED = {T.SPDX_EXPRESSION: "Apache-2.0", T.SDG_LIST: [3, 4], T.COUNTRY_LIST: ["Kenya"]}


def private_answers(questions: dict[str, Question]) -> dict[str, AnswerInput]:
    answers = {}
    for number, (key, question) in enumerate(sorted(questions.items())):
        mark = f"{MARK}{number:02d}"
        kind = question.answer_type
        if kind == T.CHOICE:
            value = question.choices[0]
        elif kind in FIXED:
            value = FIXED[kind]
        elif kind == T.URL_LIST:
            value = [f"https://answers.example/{mark}v"]
        elif kind == T.TEXT_LIST:
            value = [f"{mark}v list item"]
        else:
            value = f"{mark}v text"
        answers[key] = AnswerInput(value, justification=f"{mark}j because", is_private=True,
                                   evidence_urls=(f"https://evidence.example/{mark}e",))
    return answers


@pytest.fixture(scope="module")
def listed(django_db_setup, django_db_blocker, tmp_path_factory):
    """A listed product whose every answer was private, committed so that `dpg` subprocesses see it."""
    from django.core.management import call_command

    from dpg_registry.standard.services import load_standard
    from tests.applications.test_clock import through_review
    from tests.factories import fill, make_user, run_tasks

    with django_db_blocker.unblock():
        load_standard()
        people = {"applicant": make_user(APPLICANT), "l1": make_user(REVIEWERS[0], "l1"),
                  "l2": make_user(REVIEWERS[1], "l2")}
        draft = applicant.create_application(user=people["applicant"], name="Hush Clinic", category_key="software",
                                            organisation_name="Hush Clinic Foundation")
        draft = fill(draft, people["applicant"])
        draft = applicant.save_answers(application=draft, by=people["applicant"], expected_version=draft.version,
                                      answers=private_answers(questions_by_key(draft)))
        assert not draft.answers.filter(is_private=False).exists()
        mail.outbox = []
        application = through_review(people, draft)
        run_tasks()
        assert application.state == "dpg"
        sent = list(mail.outbox)
        notes = list(Notification.objects.exclude(user__email__in=REVIEWERS).values_list("subject", "body"))
    yield {"application": application, "slug": application.product.slug, "mails": sent, "notes": notes,
           "out": tmp_path_factory.mktemp("private")}
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def visitor(listed, db):
    return Client()


def text_of(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


def marks_in(text: str) -> int:
    return text.lower().count(MARK)


def test_the_markers_are_there_to_find(listed, db):
    answers = listed["application"].answers.all()
    assert len(answers) == len(questions_by_key(listed["application"])) > 20
    assert all(answer.is_private and MARK in answer.justification for answer in answers)


def test_no_public_page_api_or_dump_shows_a_private_answer(visitor, listed):
    slug, public_id = listed["slug"], listed["application"].public_id
    year = timezone.now().year
    paths = [f"/registry/{slug}/", f"/registry/{slug}.json", "/registry/", "/registry/results.json",
             "/api/v1/products", f"/api/v1/products/{slug}", f"/api/v1/applications/{public_id}",
             "/api/dpgs", f"/api/dpg/{slug}", "/registry.json", "/registry.csv", "/registry.ndjson",
             "/registry/feed.atom", f"/r/{public_id}/", f"/reports/{year}/", f"/fr/registry/{slug}/"]
    found = {path: marks_in(text_of(visitor, path)) for path in paths}
    assert not {path: count for path, count in found.items() if count}
    assert "Hush Clinic" in text_of(visitor, "/registry.ndjson")  # the scan reads the listed product


def test_the_listing_takes_nothing_from_private_answers(visitor, listed):
    product = json.loads(text_of(visitor, f"/api/v1/products/{listed['slug']}"))
    assert product["name"] == "Hush Clinic"
    assert product["licenses"] == [] and product["sdgs"] == [] and product["sdg_relevance"] == ""
    assert product["indicators"] == {}
    assert not [role for role in product["organisations"] if role["role"] == "owner"]
    legacy = json.loads(text_of(visitor, f"/api/dpg/{listed['slug']}"))
    assert "Apache-2.0" not in json.dumps(legacy)
    record = text_of(visitor, f"/r/{listed['application'].public_id}/")
    assert record.count("No public answers.") == len(indicators_of(listed["application"]))


def test_emails_to_anyone_but_the_reviewers_quote_no_private_answer(listed):
    others = [message for message in listed["mails"] if not set(message.to) & set(REVIEWERS)]
    assert others and any("Decision on Hush Clinic" in message.subject for message in others)
    for message in others:
        parts = [message.subject, message.body, *(content for content, _ in message.alternatives)]
        assert not marks_in("\n".join(parts)), message.subject
    assert listed["notes"] and not marks_in(json.dumps(listed["notes"]))


def test_dpg_snapshot_and_report_show_no_private_answer(listed):  # no transaction held: the commands write
    out = listed["out"]
    made = run_dpg("snapshot", str(out / "snapshot"), timeout=300)
    assert made.returncode == 0, made.stderr
    files = [path for path in (out / "snapshot").rglob("*") if path.is_file()
             and path.suffix in {".html", ".json", ".csv", ".js", ".xml", ".ndjson", ".svg"}]
    assert (out / "snapshot" / "registry" / listed["slug"] / "index.html").exists()
    assert not [str(path) for path in files if marks_in(path.read_text(errors="replace"))]
    for fmt in ("json", "csv", "ndjson"):
        exported = run_dpg("export", "--format", fmt)
        assert exported.returncode == 0 and "Hush Clinic" in exported.stdout, exported.stderr
        assert not marks_in(exported.stdout), fmt
    year = str(timezone.now().year)
    report = run_dpg("report", "--year", year, "--html", str(out / "report.html"))
    assert report.returncode == 0, report.stderr
    assert not marks_in((out / "report.html").read_text())

"""Bring a fresh registry database to one application waiting for its L2 decision; print what a browser needs.

Run as ``python -m tests.faults.review_ready`` with DATABASE_URL set to a migrated database. It prints one JSON
object: the application's public id and version, and the L2 reviewer's session cookie (signed in, with the
authenticator app proven, as tests/factories.py signs staff in).
"""

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dpg_registry.settings")
django.setup()

from django.test import Client  # noqa: E402  (the models load once Django is set up)

from dpg_registry.applications.services import applicant, review  # noqa: E402
from tests.applications.test_journey import review_all  # noqa: E402
from tests.factories import fill, make_user, sign_in  # noqa: E402


def main() -> None:
    owner = make_user("amina@clinic.example")
    reviewers = {level: make_user(f"{level}@review.example", level) for level in ("l1", "l2")}
    draft = applicant.create_application(user=owner, name="Open Clinic", category_key="software",
                                         organisation_name="Open Clinic Foundation")
    application = applicant.submit(application=fill(draft, owner), by=owner)
    for level in ("l1", "l2"):
        application = review.pull_next(reviewer=reviewers[level], level=level)
        application = review_all(application, reviewers[level], level)
        if level == "l1":
            review.finish_review(application=application, by=reviewers[level], level=level,
                                 expected_version=application.version)
    browser = Client()
    sign_in(browser, reviewers["l2"])
    print(json.dumps({"public_id": application.public_id, "version": application.version,
                      "session": browser.cookies["sessionid"].value}))


if __name__ == "__main__":
    main()

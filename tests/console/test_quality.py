"""The console's data-quality page over HTTP: staff see the flags with their reason and a link to the record, filter
them by rule, dismiss one with a reason (audited) or open a review of the product; challenges are listed there too."""

import re

import pytest
from django.test import Client

from dpg_registry.applications.models import Challenge
from dpg_registry.applications.services.challenges import raise_challenge, resolve_challenge
from dpg_registry.audit.models import AuditEvent
from dpg_registry.registry.models import Product, QualityFlag
from tests.console.conftest import text

pytestmark = pytest.mark.django_db

URL = "/console/quality/"


def flagged(response) -> list[str]:
    """The products the page's flag table lists, in its order."""
    table = response.content.decode().split('id="flags-title"')[1].split("</section>")[0]
    return re.findall(r'<td><a href="/registry/[\w-]+/">([^<]+)</a>', table)


def flag_of(slug: str, rule: str = QualityFlag.Rule.LICENCE_NOT_APPROVED) -> QualityFlag:
    return QualityFlag.objects.get(product__slug=slug, rule=rule)


def test_strangers_sign_in_first_applicants_are_refused_and_staff_prove_their_authenticator(
    registry, people, client_of
):
    response = Client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client_of(people["applicant"]).get(URL).status_code == 403
    unproven = Client()
    unproven.force_login(people["l1"])
    response = unproven.get(URL)
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_every_staff_role_sees_the_open_flags_with_reason_and_links(registry, people, client_of):
    for role in ("l1", "l2", "expert", "admin"):
        assert client_of(people[role]).get(URL).status_code == 200
    response = client_of(people["admin"]).get(URL)
    page = text(response)
    open_flags = QualityFlag.objects.filter(state=QualityFlag.State.OPEN)
    assert f"{open_flags.count()} flags" in page and len(flagged(response)) == 25  # 25 to a page
    response = client_of(people["admin"]).get(f"{URL}?rule=licence_not_approved")
    page = text(response)
    assert "Lexsitus" in flagged(response)
    assert "CC-BY-NC-SA-4.0 is not approved for content in DPG Standard 1.1.7." in page
    assert 'href="/registry/lexsitus/"' in page and 'href="/console/listings/lexsitus/"' in page
    assert 'href="/console/listings/' not in text(
        client_of(people["l1"]).get(f"{URL}?rule=licence_not_approved")
    )  # listings are the admins'


def test_flags_are_filtered_by_rule_and_state_in_shareable_links(registry, people, client_of):
    client = client_of(people["l2"])
    too_many = QualityFlag.objects.filter(rule=QualityFlag.Rule.TOO_MANY_COUNTRIES, state=QualityFlag.State.OPEN)
    expected = sorted(too_many.values_list("product__name", flat=True), key=str.lower)
    response = client.get(f"{URL}?rule=too_many_countries")
    assert sorted(flagged(response), key=str.lower) == expected and len(expected) == 7
    page = text(client.get(f"{URL}?rule=no_such_rule"))
    assert "Select a valid choice. no_such_rule is not one of the available choices." in page
    assert "0 flags" in page
    assert "0 flags" in text(client.get(f"{URL}?state=dismissed"))


def test_a_reviewer_dismisses_a_flag_with_a_reason_which_is_audited(registry, people, client_of):
    client = client_of(people["l1"])
    flag = flag_of("lexsitus")
    response = client.post(
        f"{URL}{flag.pk}/dismiss/",
        {"reason": "The licence page says CC-BY-4.0 now.", "next": f"{URL}?rule=licence_not_approved"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{URL}?rule=licence_not_approved"
    assert "The flag on Lexsitus is dismissed." in text(response)
    assert "Lexsitus" not in flagged(response)
    flag.refresh_from_db()
    assert (flag.state, flag.dismissed_by, flag.dismissal) == (
        "dismissed",
        people["l1"],
        "The licence page says CC-BY-4.0 now.",
    )
    event = AuditEvent.objects.get(action="quality.dismiss", subject_id=str(flag.pk))
    assert (event.actor_id, event.role, event.reason) == (people["l1"].pk, "l1", "The licence page says CC-BY-4.0 now.")
    dismissed = client.get(f"{URL}?state=dismissed")
    assert flagged(dismissed) == ["Lexsitus"] and "The licence page says CC-BY-4.0 now." in text(dismissed)


def test_a_dismissal_needs_a_reason_and_experts_do_not_dismiss(registry, people, client_of):
    flag = flag_of("lexsitus")
    page = text(client_of(people["l2"]).post(f"{URL}{flag.pk}/dismiss/", {"reason": ""}, follow=True))
    assert "Reason for dismissing: This field is required." in page
    assert client_of(people["expert"]).post(f"{URL}{flag.pk}/dismiss/", {"reason": "No."}).status_code == 403
    assert "/dismiss/" not in text(client_of(people["expert"]).get(URL))
    flag.refresh_from_db()
    assert flag.state == "open" and not AuditEvent.objects.filter(action="quality.dismiss").exists()


def test_opening_a_review_raises_a_challenge_listed_beside_the_flags(registry, people, client_of):
    client = client_of(people["l2"])
    flag = flag_of("wapor")
    response = client.post(f"{URL}{flag.pk}/review/", follow=True)
    assert "A review of WaPOR is open: it waits among the challenges." in text(response)
    challenge = Challenge.objects.get(product__slug="wapor")
    assert (challenge.raised_by, challenge.state) == (people["l2"], Challenge.State.OPEN)
    assert "CC-BY-NC-SA-3.0 is not approved for content" in challenge.reasons
    assert AuditEvent.objects.get(action="challenge.raise", subject_id=str(challenge.pk)).role == "l2"
    page = text(client.get(f"{URL}?rule=licence_not_approved"))
    assert "Review open since" in page
    challenges = page.split('id="challenges-title"')[1]
    assert (
        'href="/registry/wapor/"' in challenges
        and "Open" in challenges
        and 'href="/review/#challenges-title"' in challenges
    )
    again = text(client.post(f"{URL}{flag.pk}/review/", follow=True))
    assert "a review of WaPOR is already open" in again
    assert Challenge.objects.filter(product__slug="wapor").count() == 1


def test_challenges_raised_by_anyone_show_with_their_state(registry, people, client_of):
    product = Product.objects.get(slug="kobotoolbox")
    challenge = raise_challenge(product=product, by=people["stranger"], reasons="The repository is archived.")
    resolve_challenge(challenge=challenge, by=people["l2"], upheld=False, resolution="It is maintained.")
    challenges = text(client_of(people["expert"]).get(URL)).split('id="challenges-title"')[1]
    assert "KoBoToolbox" in challenges and "Dismissed" in challenges and "The repository is archived." in challenges

"""A new reviewer sets up their authenticator app in Chromium, as a person would: the browser fetches what it
fetches (the favicon, the stylesheet) while the code is being typed from the secret on screen. Then they sign in
again with a code from the app, and with a recovery code."""

import base64
import hashlib
import hmac
import struct
import time

import pytest
from django.core.signals import request_started
from playwright.sync_api import expect

from tests.browser.conftest import ARGS, CHROMIUM
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PERIOD = 30


def totp(secret: str, at: float) -> str:
    """The six-digit code an authenticator app shows at time ``at`` (RFC 6238, SHA-1, 30 seconds)."""
    digest = hmac.new(base64.b32decode(secret, casefold=True), struct.pack(">Q", int(at) // PERIOD), hashlib.sha1)
    raw = digest.digest()
    offset = raw[-1] & 0x0F
    return f"{(struct.unpack('>I', raw[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def fresh_code(secret: str, used: set[str]) -> str:
    """A code not typed before (each is good once) with a few seconds left to type it."""
    while True:
        now = time.time()
        code = totp(secret, now)
        if code not in used and PERIOD - now % PERIOD > 3:
            used.add(code)
            return code
        time.sleep(PERIOD - now % PERIOD + 0.5)


@pytest.fixture
def server_requests():
    """The paths the live server was asked for, in order, the browser's own requests (the icon) included."""
    paths = []

    def note(sender, environ, **kwargs):
        paths.append(environ["PATH_INFO"])

    request_started.connect(note)
    yield paths
    request_started.disconnect(note)


@pytest.fixture
def browsers(browser):
    """Open a page in a new browser window, optionally with the cookies of an earlier one; ``restart=True``
    opens it in a newly started Chromium, which has not asked this site for anything yet (its icon included)."""
    launched, contexts = [], []

    def open_page(storage_state=None, restart=False):
        if restart:
            launched.append(browser.browser_type.launch(executable_path=CHROMIUM, args=ARGS))
        context = (launched[-1] if restart else browser).new_context(storage_state=storage_state)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    for started in launched:
        started.close()


def sign_in_with_password(page, site, email) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Email:", exact=True).fill(email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def sign_in_with_code(page, site, email, code) -> None:
    sign_in_with_password(page, site, email)
    expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()
    page.get_by_label("Code:", exact=True).fill(code)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def wait_for_icon(page, paths: list[str], since: int) -> None:
    """Wait until the browser has asked for the site's icon (it does so by itself, after the page), and a moment
    more for whatever that answer led it to."""
    deadline = time.monotonic() + 10
    while not {"/favicon.ico", "/static/favicon.svg"} & set(paths[since:]):
        assert time.monotonic() < deadline, f"the browser did not ask for an icon: {paths[since:]}"
        page.wait_for_timeout(100)
    page.wait_for_timeout(1000)


def test_a_reviewer_sets_up_the_authenticator_app_and_signs_in_with_it(browsers, live_server, standard,
                                                                       server_requests):
    site = live_server.url
    make_user("rita@review.example", "l1")
    page = browsers()
    sign_in_with_password(page, site, "rita@review.example")
    page.goto(f"{site}/review/")
    # Changing the account's security asks for the password again.
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()

    # The reviewer comes back to it after restarting the browser, still signed in. This Chromium has not shown
    # the site's icon yet, so it asks for it while the reviewer copies the secret into their app.
    page = browsers(storage_state=page.context.storage_state(), restart=True)
    since = len(server_requests)
    page.goto(f"{site}/review/")
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    secret = page.locator("#authenticator_secret").input_value()
    wait_for_icon(page, server_requests, since)
    used: set[str] = set()
    page.get_by_label("Authenticator code:", exact=True).fill(fresh_code(secret, used))
    page.get_by_role("button", name="Activate").click()

    # Back where they were going, with the recovery codes one link away.
    expect(page).to_have_url(f"{site}/review/")
    expect(page.get_by_role("heading", name="Review", exact=True)).to_be_visible()
    page.get_by_role("link", name="See your recovery codes").click()
    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) == 10

    page.get_by_role("button", name="Sign out").click()
    sign_in_with_code(page, site, "rita@review.example", fresh_code(secret, used))
    page.goto(f"{site}/review/")
    expect(page.get_by_role("heading", name="Review", exact=True)).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in_with_code(page, site, "rita@review.example", codes[0])
    page.goto(f"{site}/review/")
    expect(page.get_by_role("heading", name="Review", exact=True)).to_be_visible()

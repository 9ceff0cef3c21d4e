"""Screenshots of the key public pages in English and Arabic, on a phone (390 px) and a desktop (1280 px).

Run against a registry that is serving (``make run`` in another terminal):
    .venv/bin/python scripts/screenshots.py [BASE_URL]   # default http://127.0.0.1:8000
The pictures go to var/screenshots/, for people to look at; they are not kept in the repository.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "/",
    "catalogue": "/registry/?q=health&status=dpg",
    "profile": "/registry/dhis2/",
    "eligibility": "/eligibility/",
    "communities": "/communities/",
    "reports": "/reports/",
    "sign-in": "/accounts/login/",
}
LANGUAGES = {"en": "", "ar": "/ar"}
WIDTHS = (390, 1280)


def main(base: str) -> None:
    folder = Path(__file__).resolve().parents[1] / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-background-networking"])
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            for language, prefix in LANGUAGES.items():
                for name, path in PAGES.items():
                    page.goto(f"{base}{prefix}{path}")
                    page.screenshot(path=folder / f"{name}-{language}-{width}.png", full_page=True)
            page.close()
        browser.close()
    print(f"{len(PAGES) * len(LANGUAGES) * len(WIDTHS)} screenshots in {folder}")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")

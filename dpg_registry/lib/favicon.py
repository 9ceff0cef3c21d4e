"""``/favicon.ico``: browsers and feed readers ask for it without reading the page; it leads to the SVG icon."""

from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static

# The icon itself is a static file with a hashed name, cached for a year; this address keeps pointing at the
# current name, so it is cached for a day only.
REDIRECT_MAX_AGE = 24 * 3600


def favicon(request):
    response = HttpResponsePermanentRedirect(static("favicon.svg"))
    response["Cache-Control"] = f"public, max-age={REDIRECT_MAX_AGE}"
    return response

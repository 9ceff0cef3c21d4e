"""Rate limits on the registry's own writes and on the API, counted in the shared cache.

Sign-in, sign-up and password reset are limited by django-allauth (``ACCOUNT_RATE_LIMITS``); this
module limits application submission, challenges and the API, by the client's address and by account
(``DPG_RATE_LIMITS``). The client's address is the one allauth uses, so both agree behind the proxy. The
writes' limits are counted with django-ratelimit, request by request; the API, which every read of it counts
against, with ``rate_counts`` (a block of counts at a time on the database cache).
"""

import functools

from allauth.core.internal.httpkit import get_client_ip
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from dpg_registry.lib.problems import problem
from dpg_registry.lib.rate_counts import Counter


def _client_ip(group, request) -> str:
    return get_client_ip(request) or ""


def _account(group, request) -> str:
    return str(request.user.pk)


@functools.lru_cache(maxsize=32)
def _limits(rates: str) -> tuple[tuple[int, str, str], ...]:
    """Each limit of a rate setting such as "30/h/ip,100/d/user" as (count, period, per), read once."""
    parts = (part.strip().split("/") for part in rates.split(","))
    return tuple((int(count), period, per) for count, period, per in parts)


def retry_after(request, group: str) -> int | None:
    """Count this request against the group's limits; the seconds to wait when one is exceeded, else None."""
    wait = None
    for count, period, per in _limits(settings.DPG_RATE_LIMITS[group]):
        if per == "user" and not request.user.is_authenticated:
            continue
        usage = get_usage(
            request, group=f"{group}:{per}", key=_account if per == "user" else _client_ip,
            rate=f"{count}/{period}", increment=True,
        )
        if usage and usage["should_limit"]:
            wait = max(wait or 0, usage["time_left"])
    return wait


def too_many(request, seconds: int = 60):
    """The 429 page (also allauth's, through ``handler429``)."""
    response = render(request, "429.html", {"seconds": seconds}, status=429)
    response["Retry-After"] = str(max(seconds, 1))
    return response


def limited(group: str):
    """View decorator: POSTs beyond the group's limits get 429 with Retry-After."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                seconds = retry_after(request, group)
                if seconds is not None:
                    return too_many(request, seconds)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _seconds(period: str) -> int:
    return int(period[:-1] or 1) * PERIODS[period[-1]]


def sign_in(request, *args, **kwargs):
    """allauth's sign-in; when an account's failed sign-ins are over its limit, a 429 instead of the form."""
    from allauth.account.views import login

    response = login(request, *args, **kwargs)
    form = (getattr(response, "context_data", None) or {}).get("form")
    if form is not None and any(error.code == "too_many_login_attempts" for error in form.non_field_errors().as_data()):
        per_account = _limits(settings.ACCOUNT_RATE_LIMITS["login_failed"])
        return too_many(request, max([_seconds(period) for _, period, per in per_account if per == "key"] or [60]))
    return response


_api_counts = Counter()


def api_retry_after(request) -> int | None:
    """Count an API request against the API's limits; the seconds to wait when one is exceeded, else None."""
    wait = None
    for count, period, per in _limits(settings.DPG_RATE_LIMITS["api"]):
        if per == "user":
            if not request.user.is_authenticated:
                continue
            who = _account("api", request)
        else:
            who = _client_ip("api", request)
        left = _api_counts.take(f"api:{per}:{who}", count, _seconds(period))
        if left is not None:
            wait = max(wait or 0, int(left) + 1)
    return wait


class ApiRateLimit:
    """Middleware: every API request counts, cached answers too; beyond the limit a problem+json 429."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            seconds = api_retry_after(request)
            if seconds is not None:
                detail = _("Wait %(seconds)d seconds before trying again.") % {"seconds": seconds}
                response = problem(429, _("Too many requests"), detail)
                response["Retry-After"] = str(max(seconds, 1))
                return response
        return self.get_response(request)

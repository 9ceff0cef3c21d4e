"""The Content-Security-Policy headers, built once.

django-csp builds its headers for every response, from the settings, the response's own changes (its decorators)
and the request's nonce: about a tenth of the processor time of a page the cache answers. The registry's policy
uses no nonce and no view changes it, so every response gets the same two headers; this middleware builds them
once per value of the settings and lets django-csp build any response that does change them.
"""

from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

_PLAIN = PolicyParts()


@cache
def _headers() -> tuple[str, str]:
    return build_policy(), build_policy(report_only=True)


@receiver(setting_changed)
def _forget(setting, **kwargs) -> None:
    if setting in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"):
        _headers.cache_clear()


class PolicyOnce(CSPMiddleware):
    """django-csp's middleware, whose two headers are built once when neither the response nor the request changes
    them (``_csp_config``, ``_csp_update``, ``_csp_replace``, their report-only twins, a nonce)."""

    def process_response(self, request, response):
        if (self.get_policy_parts(request, response) != _PLAIN
                or self.get_policy_parts(request, response, report_only=True) != _PLAIN):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        for header, built, name, exempt in zip(
            (HEADER, HEADER_REPORT_ONLY), _headers(),
            ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"), ("_csp_exempt", "_csp_exempt_ro"),
            strict=True,
        ):
            excluded = (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if (built and header not in response and not getattr(response, exempt, False)
                    and not request.path_info.startswith(tuple(excluded))):
                response[header] = built
        # As django-csp does: a nonce asked for after the headers are written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

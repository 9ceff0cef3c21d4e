from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from dpg_registry.accounts.views import switch_language
from dpg_registry.lib.favicon import favicon
from dpg_registry.lib.health import healthz
from dpg_registry.lib.ratelimits import sign_in
from dpg_registry.privacy.views import privacy

handler429 = "dpg_registry.lib.ratelimits.too_many"  # allauth's rate limits answer with it
handler500 = "dpg_registry.lib.outage.handler500"

# The API, dumps, badges and feeds (the audit checkpoints' too) answer the same in every language; pages have a
# language prefix (none for English).
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("language/<str:code>/", switch_language, name="switch-language"),
    path("", include("dpg_registry.api.urls")),
    path("", include("dpg_registry.audit.urls")),
] + i18n_patterns(
    path("accounts/", include("dpg_registry.privacy.urls")),
    path("accounts/login/", sign_in),  # allauth's, answering 429 when an account's failed sign-ins are over limit
    path("accounts/", include("allauth.urls")),
    path("privacy/", privacy, name="privacy"),
    path("", include("dpg_registry.registry.urls")),
    path("", include("dpg_registry.ownership.urls")),
    path("", include("dpg_registry.listing_requests.urls")),
    path("", include("dpg_registry.applications.urls")),
    path("", include("dpg_registry.ecosystem.urls")),
    path("", include("dpg_registry.reports.urls")),
    path("eligibility/", include("dpg_registry.eligibility.urls")),
    path("console/", include("dpg_registry.console.urls")),
    path("standard/", include("dpg_registry.standard.urls")),
    prefix_default_language=False,
)

from django.urls import include, path

from dpg_registry.accounts.views import privacy
from dpg_registry.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("dpg_registry.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("privacy/", privacy, name="privacy"),
    path("", include("dpg_registry.registry.urls")),
    path("", include("dpg_registry.applications.urls")),
    path("", include("dpg_registry.ecosystem.urls")),
    path("", include("dpg_registry.reports.urls")),
    path("", include("dpg_registry.api.urls")),
    path("eligibility/", include("dpg_registry.eligibility.urls")),
]

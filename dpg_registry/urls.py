from django.urls import include, path

from dpg_registry.health import healthz

handler500 = "dpg_registry.outage.handler500"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("", include("dpg_registry.registry.urls")),
    path("", include("dpg_registry.applications.urls")),
    path("", include("dpg_registry.ecosystem.urls")),
    path("", include("dpg_registry.reports.urls")),
    path("", include("dpg_registry.api.urls")),
    path("eligibility/", include("dpg_registry.eligibility.urls")),
]

from django.urls import include, path

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("", include("dpg_registry.registry.urls")),
    path("", include("dpg_registry.applications.urls")),
    path("", include("dpg_registry.ecosystem.urls")),
    path("", include("dpg_registry.api.urls")),
    path("eligibility/", include("dpg_registry.eligibility.urls")),
]

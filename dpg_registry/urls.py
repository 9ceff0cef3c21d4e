from django.urls import include, path

urlpatterns = [
    path("", include("dpg_registry.registry.urls")),
    path("", include("dpg_registry.api.urls")),
]

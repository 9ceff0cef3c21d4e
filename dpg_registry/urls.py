from django.urls import include, path

urlpatterns = [
    path("", include("dpg_registry.registry.urls")),
]

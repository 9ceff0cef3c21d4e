from django.urls import path, re_path

from dpg_registry.standard import views

app_name = "standard"

urlpatterns = [
    path("", views.current, name="current"),
    path("changes/", views.changelog, name="changes"),
    re_path(r"^(?P<number>[0-9]+(?:\.[0-9]+)+)/$", views.version, name="version"),
]

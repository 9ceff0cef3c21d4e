from django.urls import path

from dpg_registry.eligibility import views

app_name = "eligibility"

urlpatterns = [
    path("", views.check, name="check"),
    path("start/", views.start, name="start"),
]

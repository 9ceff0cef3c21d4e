from django.urls import path

from dpg_registry.audit.views import checkpoints

urlpatterns = [
    path("audit/checkpoints.json", checkpoints, name="audit-checkpoints"),
]

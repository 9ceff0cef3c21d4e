from django.urls import path

from dpg_registry.api.views import legacy
from dpg_registry.api.views.v1 import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/dpgs", legacy.dpgs, name="legacy-dpgs"),
    path("api/dpg/<str:identifier>", legacy.dpg, name="legacy-dpg"),
    path("api/nominees", legacy.nominees, name="legacy-nominees"),
    path("api/nominee/<str:identifier>", legacy.nominee, name="legacy-nominee"),
]

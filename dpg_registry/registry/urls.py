from django.urls import path

from dpg_registry.registry import views

urlpatterns = [
    path("", views.home, name="home"),
]

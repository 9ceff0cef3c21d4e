from django.urls import path

from dpg_registry.privacy import views

urlpatterns = [
    path("data/", views.your_data, name="your-data"),
    path("data/download/", views.download, name="your-data-download"),
    path("delete/", views.delete, name="account-delete"),
]

from django.urls import path

from dpg_registry.reports import views

app_name = "reports"
urlpatterns = [
    path("reports/", views.index, name="index"),
    path("reports/<int:year>/", views.report_page, name="report"),
    path("reports/<int:year>/report.pdf", views.pdf, name="pdf"),
    path("reports/<int:year>/<slug:slug>.csv", views.table_csv, name="csv"),
]

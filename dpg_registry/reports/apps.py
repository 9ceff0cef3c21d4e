from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dpg_registry.reports"
    label = "reports"
    verbose_name = "Reports: the yearly State of the Ecosystem"

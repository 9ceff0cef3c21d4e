from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "dpg_registry.applications"
    label = "applications"
    verbose_name = "Applications and review"

from django.apps import AppConfig


class StandardConfig(AppConfig):
    name = "dpg_registry.standard"
    label = "standard"
    verbose_name = "DPG Standard"

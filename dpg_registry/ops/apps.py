from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "dpg_registry.ops"
    label = "ops"
    verbose_name = "Operations"

from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "dpg_registry.registry"
    label = "registry"
    verbose_name = "Registry"

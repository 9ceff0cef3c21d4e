from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "dpg_registry.importers"
    label = "importers"
    verbose_name = "Importers"

from django.apps import AppConfig


class EcosystemConfig(AppConfig):
    name = "dpg_registry.ecosystem"
    label = "ecosystem"
    verbose_name = "Ecosystem: communities, pilots, members, 50-in-5, calls"

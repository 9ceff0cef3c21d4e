from django.apps import AppConfig


class OwnershipConfig(AppConfig):
    name = "dpg_registry.ownership"
    label = "ownership"
    verbose_name = "Ownership of products"

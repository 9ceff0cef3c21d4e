from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "dpg_registry.privacy"
    label = "privacy"
    verbose_name = "Privacy"

from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "dpg_registry.eligibility"
    label = "eligibility"
    verbose_name = "Eligibility check"

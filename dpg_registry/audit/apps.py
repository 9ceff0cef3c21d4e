from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "dpg_registry.audit"
    label = "audit"
    verbose_name = "Audit trail"

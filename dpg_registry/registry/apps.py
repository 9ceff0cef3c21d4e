from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(sender, using, verbosity=1, **kwargs):
    """The database cache's table (shared rate-limit counts) comes with the schema; a no-op for Redis."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class RegistryConfig(AppConfig):
    name = "dpg_registry.registry"
    label = "registry"
    verbose_name = "Registry"

    def ready(self):
        post_migrate.connect(_create_cache_table, sender=self)

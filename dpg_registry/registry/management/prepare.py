from django.core.management import call_command

from dpg_registry.standard.services import load_standard


def prepare_database() -> str:
    """Apply migrations and load the DPG Standard: both idempotent, so every command can start with it."""
    call_command("migrate", interactive=False, verbosity=0)
    return str(load_standard())

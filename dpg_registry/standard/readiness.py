"""Commands that read or fill the registry need its schema and the Standard in place; ``dpg migrate`` puts
them there. Such a command checks first and says what to run, instead of changing the schema itself."""

from django.core.management.base import CommandError
from django.db import DatabaseError

from dpg_registry.lib.database import pending_migrations
from dpg_registry.standard.models import StandardVersion

NOT_READY = "the database is not ready ({reason}): run 'dpg migrate' first"


def require_ready() -> None:
    try:
        pending = pending_migrations()
        loaded = not pending and StandardVersion.objects.exists()
    except DatabaseError as error:
        raise CommandError(NOT_READY.format(reason=str(error).strip().splitlines()[0])) from None
    if pending:
        raise CommandError(NOT_READY.format(reason=f"{len(pending)} migrations not applied"))
    if not loaded:
        raise CommandError(NOT_READY.format(reason="the DPG Standard is not loaded"))

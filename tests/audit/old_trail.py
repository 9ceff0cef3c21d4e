"""The audit tables as they were before keyed seals (migration 0002), to write a trail as older versions did."""

from contextlib import contextmanager

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dpg_registry.audit.chain import GENESIS, event_hash, hashed_fields

BEFORE_KEYS = ("audit", "0002_pseudonymous_actors")


@contextmanager
def trail_before_keys():
    """Yields the historical apps at 0002; on leaving, migrates forward again (which re-seals the trail).

    Needs a transactional test: SQLite changes its schema only outside a transaction.
    """
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE_KEYS])
    try:
        yield executor.loader.project_state(BEFORE_KEYS).apps
    finally:
        migrate_forward()


def migrate_forward() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def write_plain_chain(apps, labels: list[tuple[int | None, str]], at) -> list:
    """Events sealed with the plain SHA-256 chain, one per (actor id, label), and the head after them."""
    Event, Head = apps.get_model("audit", "AuditEvent"), apps.get_model("audit", "AuditHead")
    Event.objects.all().delete()
    previous = GENESIS
    events = []
    for actor_id, label in labels:
        event = Event(at=at, actor_id=actor_id, actor_label=label, role="applicant", action="application.create",
                      subject_type="applications.application", subject_id="1", before={},
                      after={"state": "draft"}, reason="", previous_hash=previous)
        event.hash = previous = event_hash(previous, hashed_fields(event))
        event.save()
        events.append(event)
    Head.objects.update_or_create(pk=1, defaults={"last_hash": previous})
    return events


def plain_chain_intact(apps) -> bool:
    Event, Head = apps.get_model("audit", "AuditEvent"), apps.get_model("audit", "AuditHead")
    previous = GENESIS
    for event in Event.objects.order_by("id"):
        if event.previous_hash != previous or event_hash(previous, hashed_fields(event)) != event.hash:
            return False
        previous = event.hash
    return Head.objects.filter(pk=1, last_hash=previous).exists() or previous == GENESIS

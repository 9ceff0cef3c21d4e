"""``dpg worker``: django-tasks-db's worker, with a heartbeat that returns abandoned tasks to the queue."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from dpg_registry.worker.recovery import Heartbeat


class Command(DatabaseWorker):
    help = ("Run background tasks from the database queue. Tasks left running by a worker that has not been "
            "seen for DPG_WORKER_LEASE_SECONDS are queued again.")

    def handle(self, *args, worker_id: str, **options):
        heartbeat = Heartbeat(worker_id)
        heartbeat.tick()  # announce this worker and recover what dead ones left before taking a task
        heartbeat.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            heartbeat.stop()

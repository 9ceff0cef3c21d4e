import time

from django.core.management.base import BaseCommand

from dpg_registry.applications.scheduled import run_review_clock


class Command(BaseCommand):
    help = (
        "Enqueue the review clock (missed deadlines, reminders, renewals, expiry) now and then every "
        "--every seconds; 'dpg worker' runs it. With --once, enqueue it once and stop (for cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=3600, help="seconds between runs (default: 3600)")
        parser.add_argument("--once", action="store_true", help="enqueue once and exit")

    def handle(self, *args, every, once, **options):
        while True:
            result = run_review_clock.enqueue()
            self.stdout.write(f"review clock enqueued as task {result.id}")
            if once:
                return
            time.sleep(every)

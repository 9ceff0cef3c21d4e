import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from dpg_registry.ecosystem.seed import load_ecosystem
from dpg_registry.importers.run import run_import
from dpg_registry.registry.models import Product

BUNDLED_DATA = Path(settings.PACKAGE_DIR) / "data" / "dpga-legacy"


class Command(BaseCommand):
    help = (
        "Prepare and serve the registry: apply migrations, load the DPG Standard, import the bundled "
        "DPGA data into an empty database, load the bundled ecosystem data, collect static files, then serve "
        "with gunicorn."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
        # One thread a process had the lowest tails at 100,000 products (BENCHMARKS.md, 2026-12-07 16:15 to 16:36
        # UTC): threads of one process share the interpreter's lock, so a long request slows the others.
        parser.add_argument("--threads", type=int, default=1, help="threads in each worker process (default 1)")

    def handle(self, *args, host, port, workers, threads, **options):
        call_command("dpg_migrate", stdout=self.stdout)
        if not Product.objects.exists():
            report = run_import([BUNDLED_DATA])
            self.stdout.write(f"Imported the bundled DPGA data: {report}")
        self.stdout.write(str(load_ecosystem()))  # after the import: the ecosystem links to its products
        # django-ninja's ReDoc bundle (4 MB with its source map) is left out: the API's documentation page is its
        # Swagger UI, and compressing the bundle would take most of the time collectstatic takes.
        call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["redoc.standalone.js*"])
        self.stdout.write(f"Serving the registry at http://{host}:{port}/")
        self.stdout.flush()
        os.execv(
            sys.executable,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "dpg_registry.wsgi:application",
                "--bind",
                f"{host}:{port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--access-logfile",
                "-",
                # Time, method, path without its query string, status, size, duration: no client address,
                # query, referrer or browser (see the privacy notice).
                "--access-logformat",
                '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms',
            ],
        )

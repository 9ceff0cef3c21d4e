import json
from pathlib import Path

from dpg_registry.ecosystem.export import ecosystem_dump
from dpg_registry.lib.commands import DataCommand
from dpg_registry.registry.snapshot import write_snapshot
from dpg_registry.standard.readiness import require_ready


class Command(DataCommand):
    help = (
        "Write a static copy of the public registry into DIR: pages, maps, badges, dumps (with "
        "ecosystem.json) and an in-browser search. It opens from disk (index.html) or from any static web server."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, metavar="DIR")

    def handle(self, *args, directory, **options):
        require_ready()
        pages = write_snapshot(directory)
        (directory / "ecosystem.json").write_text(json.dumps(ecosystem_dump(), ensure_ascii=False), encoding="utf-8")
        self.stdout.write(f"Wrote {pages} pages to {directory} (open {directory / 'index.html'})")

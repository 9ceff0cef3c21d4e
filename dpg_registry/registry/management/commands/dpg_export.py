import os
import sys

from dpg_registry.lib.commands import DataCommand
from dpg_registry.registry.export import FORMATS, export_lines
from dpg_registry.registry.selectors import public_products
from dpg_registry.standard.readiness import require_ready


class Command(DataCommand):
    help = "Export the registry's public record of every product (no contact details)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")

    def handle(self, *args, format, output, **options):
        require_ready()
        products = public_products().iterator(chunk_size=500)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.writelines(export_lines(products, format))
        else:
            try:
                sys.stdout.writelines(export_lines(products, format))
                sys.stdout.flush()
            except BrokenPipeError:
                # A reader such as `head` stopped early: not an error of the export.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

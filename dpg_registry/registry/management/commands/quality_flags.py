
from dpg_registry.lib.commands import DataCommand
from dpg_registry.registry import quality
from dpg_registry.standard.readiness import require_ready


class Command(DataCommand):
    help = (
        "Check every product against the current DPG Standard: open a data-quality flag for each record that "
        "contradicts it, close those whose cause is gone. Run after loading a new Standard or changing "
        "DPG_QUALITY_MAX_COUNTRIES; imports and reviews refresh the products they write."
    )

    def handle(self, *args, **options):
        require_ready()
        counts = quality.refresh()
        self.stdout.write(f"{counts['opened']} flags opened, {counts['closed']} closed")

"""axe-core (from npm, node_modules/axe-core) run in the page against WCAG 2.0 and 2.1, levels A and AA."""

import weakref
from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Contexts that load axe into every page as it opens: sending its 550 KB into each page after it loaded took
# longer than axe's own run.
_PRELOADED = weakref.WeakSet()


def violations(page) -> list[str]:
    """Each violation on the page as one line: rule, impact, help, and the elements involved."""
    if page.context not in _PRELOADED:
        page.context.add_init_script(path=str(AXE))
        _PRELOADED.add(page.context)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'tag', values: rules}, resultTypes: ['violations']})", RULES
    )
    return [
        f"{item['id']} ({item['impact']}): {item['help']} — "
        + "; ".join(" ".join(node["target"]) for node in item["nodes"][:5])
        for item in result["violations"]
    ]

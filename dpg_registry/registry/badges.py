"""The SVG badge of a product: its status in the registry, as a small label to embed anywhere."""

from django.utils.html import escape

COLOURS = {
    "dpg": "#1d6b33",
    "nominee": "#5a4a00",
    "expired": "#8a3b00",
    "archived": "#4a5360",
    "excluded": "#4a5360",
    "ineligible": "#8a1c1c",
}
TEXT = {
    "dpg": "digital public good",
    "nominee": "nominee",
    "expired": "expired",
    "archived": "archived",
    "excluded": "excluded",
    "ineligible": "not eligible",
}
CHAR_WIDTH = 6.6  # average advance of an 11px sans-serif character
LEFT = "DPG Registry"


def badge_svg(status: str) -> str:
    right = TEXT[status]
    left_width = round(len(LEFT) * CHAR_WIDTH + 12)
    right_width = round(len(right) * CHAR_WIDTH + 12)
    width = left_width + right_width
    label = escape(f"{LEFT}: {right}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="{label}">'
        f"<title>{label}</title>"
        f'<rect width="{left_width}" height="20" fill="#2b3138"/>'
        f'<rect x="{left_width}" width="{right_width}" height="20" fill="{COLOURS[status]}"/>'
        '<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="6" y="14">{LEFT}</text><text x="{left_width + 6}" y="14">{escape(right)}</text></g></svg>'
    )

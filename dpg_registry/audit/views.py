"""The public feed of signed checkpoints, for anyone to keep copies the registry's database cannot change."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from dpg_registry.audit.selectors import latest_checkpoints

SHOWN = 100


@require_GET
def checkpoints(request):
    """The newest checkpoints first: counts, seals, times and key ids only; the events themselves stay private."""
    response = JsonResponse({
        "description": "Signed checkpoints of the DPG Registry's audit trail, newest first. Save one and give it "
                       "to 'dpg audit verify --checkpoint FILE' later: events removed since then will show.",
        "checkpoints": [checkpoint.as_dict() for checkpoint in latest_checkpoints(SHOWN)],
    }, json_dumps_params={"indent": 1})
    response["Cache-Control"] = "public, max-age=300"
    return response

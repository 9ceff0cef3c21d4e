"""The console's writes on data-quality flags: dismiss one with a reason, or open a review of its product."""

from django.db import transaction
from django.utils.translation import gettext

from dpg_registry.applications.models import Challenge
from dpg_registry.applications.services.challenges import raise_challenge
from dpg_registry.console.errors import ConsoleError
from dpg_registry.console.services import SORTERS, acting_role
from dpg_registry.registry import quality
from dpg_registry.registry.models import QualityFlag


def dismiss_flag(*, flag: QualityFlag, reason: str, by) -> QualityFlag:
    """The record needs no change; audited as ``quality.dismiss`` with the reason."""
    role = acting_role(by, SORTERS)
    return quality.dismiss(flag=flag, reason=reason, by=by, role=role)


def open_review(*, flag: QualityFlag, by) -> Challenge:
    """Put the product before the reviewers: a challenge raised by staff, with the flag's reason as its case.

    Reviewers resolve it like any challenge (upholding it opens the renewal of a listing this registry's review
    made). A product whose review is already open (an open challenge) gets no second one.
    """
    role = acting_role(by, SORTERS)
    with transaction.atomic():
        if flag.state != QualityFlag.State.OPEN:
            raise ConsoleError(gettext("this flag is not open any more"))
        product = flag.product
        if Challenge.objects.filter(product=product, state=Challenge.State.OPEN).exists():
            raise ConsoleError(gettext("a review of %(name)s is already open") % {"name": product.name})
        reasons = gettext("Data-quality flag (%(rule)s): %(reason)s") % {
            "rule": flag.get_rule_display(),
            "reason": flag.reason(),
        }
        return raise_challenge(product=product, by=by, reasons=reasons, role=role)

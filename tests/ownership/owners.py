"""Making a person a verified owner of a product, the way the staff do: a claim and its approval."""

from dpg_registry.ownership import services


def make_owner(product, user, *, by):
    claim = services.start_claim(product=product, by=user, method="staff", statement="I lead the project.")
    return services.decide(claim=claim, by=by, approve=True, reason="Known to the staff.")

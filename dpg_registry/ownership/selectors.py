"""Reads about ownership: a product's owner organisation and owners, the domains it proves with, open claims."""

from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db.models import Q

from dpg_registry.accounts.models import OrganisationMembership
from dpg_registry.accounts.roles import Role
from dpg_registry.accounts.selectors import roles_of
from dpg_registry.ownership.models import Claim, ProductOwner
from dpg_registry.registry.models import Organisation, Product, ProductOrganisation

# Staff who decide claims and may renew a product for its owners.
DECIDING_ROLES = {Role.ADMIN.value, Role.L2.value}

# Hosts that serve many organisations: an address or a website there proves nothing about one of them.
SHARED_HOSTS = ("github.com", "github.io", "gitlab.com", "gitlab.io", "bitbucket.org", "sourceforge.net",
                "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "yahoo.com", "proton.me",
                "protonmail.com", "wordpress.com", "blogspot.com", "medium.com", "google.com", "sites.google.com")


def owner_role(product: Product) -> ProductOrganisation | None:
    """The product's owner organisation as its record names it, with the website the record gives."""
    roles = product.organisation_roles.filter(role=ProductOrganisation.Role.OWNER).select_related("organisation")
    return roles.order_by("position").first()


def owner_organisation(product: Product) -> Organisation | None:
    role = owner_role(product)
    return role.organisation if role else None


def claimed_by(product: Product) -> Organisation | None:
    """The organisation whose verified people own the product, or None while it is unclaimed."""
    owner = ProductOwner.objects.filter(product=product).select_related("organisation").order_by("since").first()
    return owner.organisation if owner else None


def has_owners(product: Product) -> bool:
    return ProductOwner.objects.filter(product=product).exists()


def products_owned_by(user):
    return Product.objects.filter(owners__user=user).order_by("sort_name")


def is_owner(user, product: Product) -> bool:
    return user.is_authenticated and ProductOwner.objects.filter(product=product, user=user).exists()


def owners_of(product: Product):
    """The people verified to own ``product``."""
    return get_user_model().objects.filter(owned_products__product=product).order_by("pk")


def deciding_role(user) -> str:
    """The staff role in which ``user`` decides claims (admin before l2), or "" when they may not."""
    roles = roles_of(user) & DECIDING_ROLES
    return Role.ADMIN.value if Role.ADMIN.value in roles else next(iter(roles), "")


def renewal_right(user, product: Product) -> str:
    """Why ``user`` may renew ``product``: "owner" (a verified owner), "staff" (acting for the owners), or ""."""
    if is_owner(user, product):
        return "owner"
    return "staff" if deciding_role(user) else ""


def domains_of(product: Product) -> set[str]:
    """The web domains an e-mail address proves a claim with: the hosts of the product's and its owner
    organisation's websites, without "www.", leaving out hosts many organisations share."""
    role = owner_role(product)
    sites = [product.website] + ([role.website, role.organisation.website] if role else [])
    domains = set()
    for site in sites:
        host = (urlsplit(site.strip()).hostname or "") if site and "://" in site else ""
        host = host.removeprefix("www.")
        if host and "." in host and not any(host == shared or host.endswith("." + shared) for shared in SHARED_HOSTS):
            domains.add(host)
    return domains


def open_claim_of(user, product: Product) -> Claim | None:
    if not user.is_authenticated:
        return None
    return Claim.objects.filter(product=product, claimant=user, state__in=Claim.OPEN).first()


def refusal_of(user, product: Product) -> Claim | None:
    """``user``'s latest claim on ``product`` when the staff refused it or revoked the ownership it gave (they read
    the reason), else None."""
    if not user.is_authenticated:
        return None
    latest = Claim.objects.filter(product=product, claimant=user).exclude(state=Claim.State.WITHDRAWN).first()
    return latest if latest and latest.state in (Claim.State.REFUSED, Claim.State.REVOKED) else None


def claims_to_decide():
    """Open claims, oldest first: the staff's queue."""
    return (Claim.objects.filter(state__in=Claim.OPEN).select_related("product", "organisation", "claimant")
            .order_by("created_at", "pk"))


def owners_matching(query: str, limit: int = 50):
    """Verified owners whose product's name or slug, or whose e-mail address, holds ``query``: the staff's list."""
    query = query.strip()
    if not query:
        return ProductOwner.objects.none()
    return (ProductOwner.objects.filter(Q(product__name__icontains=query) | Q(product__slug__icontains=query)
                                        | Q(user__email__icontains=query))
            .select_related("product", "user", "organisation").order_by("product__sort_name", "since")[:limit])


def person_with_address(email: str):
    """The account whose e-mail address is ``email`` (any case), or None."""
    return get_user_model().objects.filter(email__iexact=email.strip()).first() if email.strip() else None


def organisations_for_membership(name: str, user, limit: int = 20) -> list[tuple[Organisation, object]]:
    """Organisations whose name holds ``name``, each with ``user``'s membership of it (or None)."""
    organisations = list(Organisation.objects.filter(name__icontains=name.strip()).order_by("name")[:limit])
    memberships = {m.organisation_id: m for m in
                   OrganisationMembership.objects.filter(user=user, organisation__in=organisations)}
    return [(organisation, memberships.get(organisation.pk)) for organisation in organisations]

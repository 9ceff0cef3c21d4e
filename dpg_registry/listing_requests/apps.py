from django.apps import AppConfig


class ListingRequestsConfig(AppConfig):
    name = "dpg_registry.listing_requests"
    label = "listing_requests"
    verbose_name = "Owners' requests to change or delist their listing"

from django.urls import path, register_converter

from dpg_registry.registry.views import open_data
from dpg_registry.registry.views import pages as views


class ProductSlug:
    """Product slugs: letters, digits, '-', '_' and '.', as in the DPGA's file names (``api.gouv.fr``)."""

    regex = r"[-a-zA-Z0-9_.]+?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ProductSlug, "product")

urlpatterns = [
    path("", views.home, name="home"),
    path("registry/", views.catalogue_page, name="catalogue"),
    path("registry/results.json", views.catalogue_json, name="catalogue-json"),
    path("registry/feed.atom", open_data.NewlyListedFeed(), name="feed"),
    path("registry/<product:slug>/", views.profile, name="profile"),
    path("registry/<product:slug>.json", views.profile_json, name="profile-json"),
    path("registry/<product:slug>/badge.svg", open_data.badge, name="badge"),
    path("registry.json", open_data.dump, {"fmt": "json"}, name="dump-json"),
    path("registry.csv", open_data.dump, {"fmt": "csv"}, name="dump-csv"),
    path("registry.ndjson", open_data.dump, {"fmt": "ndjson"}, name="dump-ndjson"),
    path("open-data/", open_data.open_data, name="open-data"),
    path("sitemap.xml", open_data.sitemap, name="sitemap"),
    path("robots.txt", open_data.robots, name="robots"),
]

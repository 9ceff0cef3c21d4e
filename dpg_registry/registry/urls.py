from django.urls import path, register_converter

from dpg_registry.registry.views import old_links, open_data
from dpg_registry.registry.views import pages as views


class ProductSlug:
    """Product slugs: letters, digits, '-', '_' and '.', as in the DPGA's file names (``api.gouv.fr``)."""

    regex = r"[-a-zA-Z0-9_.]+?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class OldSlug:
    """A slug of the DPG Alliance's ``/r/<slug>`` addresses. It has a lower-case letter or a '-', '_' or '.', which
    the public ids of applications (``/r/<public id>/``: capitals and digits) never have."""

    regex = r"[-a-z0-9_.]*[-a-z_.][-a-z0-9_.]*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ProductSlug, "product")
register_converter(OldSlug, "old_slug")

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
    path("r/<old_slug:slug>", old_links.profile_by_slug, name="old-profile"),
    path("r/<old_slug:slug>/", old_links.profile_by_slug),
    path("a/<str:identifier>/", old_links.profile_by_dpga_id, name="dpga-application"),
    path("a/<str:identifier>", old_links.profile_by_dpga_id),
]

from django.urls import include, path

from dpg_registry.ecosystem.views import editing
from dpg_registry.ecosystem.views import public as views

patterns = [
    path("communities/", views.communities, name="communities"),
    path("communities/<slug:slug>/", views.community, name="community"),
    path("communities/<slug:community_slug>/collections/<slug:slug>/", views.collection, name="collection"),
    path("communities/<slug:slug>/focal-points/", editing.focal_points, name="focal-points"),
    path("communities/<slug:slug>/edit/<str:kind_key>/", editing.community_item, name="community-add"),
    path("communities/<slug:slug>/edit/<str:kind_key>/<int:pk>/", editing.community_item, name="community-edit"),
    path("communities/<slug:slug>/edit/<str:kind_key>/<int:pk>/remove/", editing.remove_community_item,
         name="community-remove"),
    path("pathfinders/", views.pathfinders, name="pathfinders"),
    path("pathfinders/<slug:slug>/", views.pilot, name="pilot"),
    path("members/", views.members, name="members"),
    path("fifty-in-five/", views.fifty_in_five, name="fifty-in-five"),
    path("calls/", views.calls, name="calls"),
    path("countries/<str:code>/", views.country, name="country"),
    path("ecosystem.json", views.dump, name="dump"),
    path("ecosystem/edit/<str:kind_key>/", editing.admin_item, name="add"),
    path("ecosystem/edit/<str:kind_key>/<int:pk>/", editing.admin_item, name="edit"),
    path("ecosystem/edit/<str:kind_key>/<int:pk>/remove/", editing.remove_admin_item, name="remove"),
]

urlpatterns = [path("", include((patterns, "ecosystem")))]

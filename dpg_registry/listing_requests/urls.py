from django.urls import path

from dpg_registry.listing_requests.views import owner, staff

app_name = "listing_requests"

urlpatterns = [
    path("owned/", owner.owned, name="owned"),
    path("registry/<product:slug>/change/", owner.change, name="change"),
    path("registry/<product:slug>/delist/", owner.delist, name="delist"),
    path("listing-requests/", staff.queue, name="queue"),
    path("listing-requests/changes/<int:change_id>/", staff.change, name="review-change"),
    path("listing-requests/delisting/<int:delisting_id>/", staff.delisting_request, name="review-delisting"),
]

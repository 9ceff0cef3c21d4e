from django.urls import path
from django.views.generic import RedirectView

from dpg_registry.console import quality_views, views

console_patterns = [
    path("", RedirectView.as_view(pattern_name="console:queue"), name="home"),
    path("queue/", views.queue, name="queue"),
    path("queue/<str:public_id>/tags/", views.add_tag, name="add-tag"),
    path("queue/<str:public_id>/tags/remove/", views.remove_tag, name="remove-tag"),
    path("queue/<str:public_id>/priority/", views.set_priority, name="priority"),
    path("people/", views.people, name="people"),
    path("people/<int:user_id>/", views.person, name="person"),
    path("people/<int:user_id>/grant/", views.grant, name="grant"),
    path("people/<int:user_id>/revoke/", views.revoke, name="revoke"),
    path("renewals-with-no-owner/", views.renewals_with_no_owner, name="renewals-with-no-owner"),
    path("listings/", views.listings, name="listings"),
    path("listings/<str:slug>/", views.listing, name="listing"),
    path("quality/", quality_views.quality, name="quality"),
    path("quality/<int:flag_id>/dismiss/", quality_views.dismiss, name="dismiss-flag"),
    path("quality/<int:flag_id>/review/", quality_views.open_review, name="open-review"),
]

app_name = "console"
urlpatterns = console_patterns

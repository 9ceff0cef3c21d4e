from django.urls import path

from dpg_registry.ownership import staff, views

app_name = "ownership"

urlpatterns = [
    path("registry/<product:slug>/claim/", views.claim, name="claim"),
    path("claims/", views.queue, name="queue"),
    path("claims/confirm/<str:token>/", views.confirm, name="confirm"),
    path("claims/<int:claim_id>/check/", views.check, name="check"),
    path("claims/<int:claim_id>/decide/", views.decide, name="decide"),
    path("claims/owners/", staff.owners, name="owners"),
    path("claims/owners/<int:owner_id>/revoke/", staff.revoke, name="revoke"),
    path("claims/members/", staff.members, name="members"),
    path("claims/members/decide/", staff.decide_membership, name="decide-membership"),
]

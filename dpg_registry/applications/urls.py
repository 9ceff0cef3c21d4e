from django.urls import include, path

from dpg_registry.applications import review, views

applicant_patterns = [
    path("", views.mine, name="mine"),
    path("new/", views.new, name="new"),
    path("<str:public_id>/", views.detail, name="detail"),
    path("<str:public_id>/about/", views.about, name="about"),
    path("<str:public_id>/indicator/<str:code>/", views.indicator, name="indicator"),
    path("<str:public_id>/submit/", views.submit, name="submit"),
    path("<str:public_id>/check/", views.check_repository, name="check"),
    path("<str:public_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<str:public_id>/editors/", views.add_editor, name="add-editor"),
    path("<str:public_id>/clarifications/<int:clarification_id>/", views.respond, name="respond"),
]

review_patterns = [
    path("", review.home, name="home"),
    path("next/", review.pull, name="pull"),
    path("dashboard/", review.dashboard, name="dashboard"),
    path("consultations/<int:consultation_id>/", review.opinion, name="opinion"),
    path("challenges/<int:challenge_id>/", review.resolve, name="resolve"),
    path("<str:public_id>/", review.application, name="application"),
    path("<str:public_id>/decide/", review.decide, name="decide"),
    path("<str:public_id>/finish/", review.finish, name="finish"),
    path("<str:public_id>/archive/", review.archive, name="archive"),
]

urlpatterns = [
    path("applications/", include((applicant_patterns, "applications"))),
    path("review/", include((review_patterns, "review"))),
    path("r/<str:public_id>/", views.public, name="application-public"),
    path("inbox/", views.inbox, name="inbox"),
    path("registry/<product:slug>/challenge/", views.challenge, name="challenge"),
]

from django.urls import include, path

from dpg_registry.applications.views import applicant, editors, notifications, public, review

applicant_patterns = [
    path("", applicant.mine, name="mine"),
    path("new/", applicant.new, name="new"),
    path("invitations/", editors.invitations, name="invitations"),
    path("<str:public_id>/", applicant.detail, name="detail"),
    path("<str:public_id>/about/", applicant.about, name="about"),
    path("<str:public_id>/indicator/<str:code>/", applicant.indicator, name="indicator"),
    path("<str:public_id>/submit/", applicant.submit, name="submit"),
    path("<str:public_id>/check/", applicant.check_repository, name="check"),
    path("<str:public_id>/withdraw/", applicant.withdraw, name="withdraw"),
    path("<str:public_id>/editors/", editors.invite, name="invite"),
    path("<str:public_id>/invitations/<int:invitation_id>/withdraw/", editors.withdraw, name="withdraw-invitation"),
    path("<str:public_id>/editors/<int:user_id>/remove/", editors.remove, name="remove-editor"),
    path("<str:public_id>/clarifications/<int:clarification_id>/", applicant.respond, name="respond"),
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
    path("<str:public_id>/reassign/", review.reassign, name="reassign"),
    path("<str:public_id>/archive/", review.archive, name="archive"),
]

urlpatterns = [
    path("applications/", include((applicant_patterns, "applications"))),
    path("review/", include((review_patterns, "review"))),
    path("r/<str:public_id>/", public.public, name="application-public"),
    path("inbox/", notifications.inbox, name="inbox"),
    path("registry/<product:slug>/challenge/", public.challenge, name="challenge"),
]

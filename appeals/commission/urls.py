"""URLs of appeals.commission (included by appeals.urls, namespace "appeals")."""

from django.urls import path

from . import views

urlpatterns = [
    # the requester (complainant)
    path("complaints/commission/new/<str:reference>/", views.file, name="commission_file"),
    path("complaints/commission/<str:number>/", views.complaint, name="commission_complaint"),
    path("complaints/commission/<str:number>/answer/", views.requester_answer,
         name="commission_requester_answer"),
    path("complaints/commission/<str:number>/letters/<slug:name>.pdf", views.letter,
         name="commission_letter"),
    # the Commission
    path("workspace/commission/", views.queue, name="commission_queue"),
    path("workspace/commission/register/", views.register, name="commission_register"),
    path("workspace/commission/register/new/", views.register_paper, name="commission_register_paper"),
    path("workspace/commission/<str:number>/", views.case, name="commission_case"),
    path("workspace/commission/<str:number>/registered/", views.case_or_register,
         name="commission_case_or_register"),
    path("workspace/commission/<str:number>/refer/", views.refer, name="commission_refer"),
    path("workspace/commission/<str:number>/check/", views.check, name="commission_check"),
    path("workspace/commission/<str:number>/observations/", views.ask_observations,
         name="commission_ask_observations"),
    path("workspace/commission/<str:number>/letter-to-body/", views.body_letter,
         name="commission_body_letter"),
    path("workspace/commission/<str:number>/note/", views.note, name="commission_note"),
    path("workspace/commission/<str:number>/receipt/", views.decision_receipt, name="commission_receipt"),
    path("workspace/commission/<str:number>/compliance/", views.compliance, name="commission_compliance"),
    path("workspace/commission/<str:number>/letters/<slug:name>.pdf", views.case_letter,
         name="commission_case_letter"),
    path("workspace/commission/<str:number>/documents/<int:pk>/", views.observation_document,
         name="commission_observation_document"),
    # the body's officers
    path("workspace/observations/<int:pk>/", views.observations_answer, name="observations_answer"),
    path("workspace/commission-follow-up/<str:number>/", views.report, name="commission_report"),
]

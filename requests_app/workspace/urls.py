from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("intake/", views.intake, name="intake"),
    path("templates/", views.templates, name="templates"),
    path("notices/", views.notice_settings, name="notices"),
    path("templates/<slug:code>/new/", views.template_edit, name="template_new"),
    path("templates/<slug:code>/<int:pk>/", views.template_edit, name="template_edit"),
    path("bodies/<slug:code>/designations/", views.designations, name="designations"),
    path("bodies/<slug:code>/invitations/<int:pk>/cancel/", views.invitation_cancel,
         name="invitation_cancel"),
    path("requests/<str:reference>/", views.request_page, name="request"),
    path("requests/<str:reference>/assign/", views.assign, name="assign"),
    path("requests/<str:reference>/note/", views.note, name="note"),
    path("requests/<str:reference>/message/", views.message, name="message"),
    path("requests/<str:reference>/extend/", views.extend, name="extend"),
    path("requests/<str:reference>/consult/", views.consult, name="consult"),
    path("requests/<str:reference>/consultations/<int:pk>/", views.consultation_answer,
         name="consultation_answer"),
    path("requests/<str:reference>/consultations/<int:pk>/determination/",
         views.consultation_determination, name="consultation_determination"),
    path("requests/<str:reference>/reclassify/", views.reclassify, name="reclassify"),
    path("requests/<str:reference>/withdraw/", views.withdraw, name="withdraw"),
    path("requests/<str:reference>/written-withdrawal/", views.written_withdrawal,
         name="written_withdrawal"),
    path("requests/<str:reference>/decide/<str:outcome>/", views.decide, name="decide"),
    path("requests/<str:reference>/receipt/", views.receipt, name="receipt"),
    path("requests/<str:reference>/receipt/acknowledgement/", views.receipt_proof, name="receipt_proof"),
    path("requests/<str:reference>/public-subject/", views.mask, name="mask"),
    path("requests/<str:reference>/documents/<int:pk>/", views.document, name="document"),
    path("requests/<str:reference>/prepared/", views.prepared_documents, name="prepared_documents"),
    path("requests/<str:reference>/prepared/<int:pk>/", views.prepared_document, name="prepared_document"),
    path("requests/<str:reference>/prepared/<int:pk>/remove/", views.prepared_document_remove,
         name="prepared_document_remove"),
    path("requests/<str:reference>/attachments/<int:pk>/", views.attachment, name="attachment"),
    path("requests/<str:reference>/letters/<str:kind>.pdf", views.letter, name="letter"),
]

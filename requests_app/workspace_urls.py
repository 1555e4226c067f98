from django.urls import path

from . import workspace

app_name = "workspace"

urlpatterns = [
    path("", workspace.dashboard, name="dashboard"),
    path("intake/", workspace.intake, name="intake"),
    path("templates/", workspace.templates, name="templates"),
    path("templates/<slug:code>/new/", workspace.template_edit, name="template_new"),
    path("templates/<slug:code>/<int:pk>/", workspace.template_edit, name="template_edit"),
    path("bodies/<slug:code>/designations/", workspace.designations, name="designations"),
    path("requests/<str:reference>/", workspace.request_page, name="request"),
    path("requests/<str:reference>/assign/", workspace.assign, name="assign"),
    path("requests/<str:reference>/note/", workspace.note, name="note"),
    path("requests/<str:reference>/message/", workspace.message, name="message"),
    path("requests/<str:reference>/extend/", workspace.extend, name="extend"),
    path("requests/<str:reference>/consult/", workspace.consult, name="consult"),
    path("requests/<str:reference>/consultations/<int:pk>/", workspace.consultation_answer,
         name="consultation_answer"),
    path("requests/<str:reference>/decide/<str:outcome>/", workspace.decide, name="decide"),
    path("requests/<str:reference>/documents/<int:pk>/", workspace.document, name="document"),
    path("requests/<str:reference>/attachments/<int:pk>/", workspace.attachment, name="attachment"),
    path("requests/<str:reference>/letters/<str:kind>.pdf", workspace.letter, name="letter"),
]

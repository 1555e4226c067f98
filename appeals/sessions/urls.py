"""URLs of appeals.sessions (included by appeals.urls, namespace "appeals")."""

from django.urls import path

from . import views

urlpatterns = [
    path("workspace/commission/sessions/", views.session_list, name="sessions"),
    path("workspace/commission/sessions/call/", views.session_call, name="session_call"),
    path("workspace/commission/sessions/<int:pk>/", views.session_page, name="session"),
    path("workspace/commission/sessions/<int:pk>/agenda/", views.session_agenda_add,
         name="session_agenda_add"),
    path("workspace/commission/sessions/<int:pk>/attendance/", views.session_attendance,
         name="session_attendance"),
    path("workspace/commission/sessions/<int:pk>/items/<int:item_pk>/decide/", views.session_decide,
         name="session_decide"),
    path("complaints/commission/<str:number>/decision.pdf", views.decision_letter,
         name="commission_decision_letter"),
]

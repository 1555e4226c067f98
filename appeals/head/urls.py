"""URLs of appeals.head (included by appeals.urls, namespace "appeals")."""

from django.urls import path

from . import views

urlpatterns = [
    path("complaints/head/new/<str:reference>/", views.file, name="head_file"),
    path("complaints/head/<str:number>/", views.complaint_page, name="head_complaint"),
    path("complaints/head/<str:number>/letters/<slug:name>.pdf", views.letter, name="head_letter"),
    path("workspace/complaints/head/", views.queue, name="head_queue"),
    path("workspace/complaints/head/new/<str:reference>/", views.register_paper, name="head_register_paper"),
    path("workspace/complaints/head/<str:number>/", views.decide, name="head_decide"),
    path("workspace/complaints/head/<str:number>/letters/<slug:name>.pdf", views.staff_letter,
         name="head_staff_letter"),
]

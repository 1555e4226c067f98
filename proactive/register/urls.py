from django.urls import path

from . import views

urlpatterns = [
    path("proactive/", views.compliance, name="compliance"),
    path("proactive/<slug:code>/", views.body_register, name="body"),
    path("workspace/proactive/<slug:code>/", views.workspace_register, name="workspace_register"),
    path("workspace/proactive/<slug:code>/new/", views.entry_edit, name="entry_new"),
    path("workspace/proactive/<slug:code>/<int:pk>/", views.entry_edit, name="entry_edit"),
    path("workspace/proactive/<slug:code>/<int:pk>/retire/", views.entry_retire, name="entry_retire"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("workspace/proactive/<slug:code>/links/", views.broken_links, name="links_broken"),
]

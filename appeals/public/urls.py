from django.urls import path

from . import views
from .feeds import DecisionsFeed

urlpatterns = [
    path("commission/decisions/", views.decision_list, name="decisions"),
    path("commission/decisions/feed/", DecisionsFeed(), name="decisions_feed"),
    path("commission/decisions/export.csv", views.export_csv, name="decisions_csv"),
    path("commission/decisions/<str:number>/", views.decision_detail, name="decision"),
    path("workspace/commission/publish/", views.publish_queue, name="publish_queue"),
    path("workspace/commission/publish/<str:number>/", views.publish, name="publish"),
    path("workspace/commission/unpublish/<str:number>/", views.unpublish, name="unpublish"),
]

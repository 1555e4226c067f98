from django.urls import path

from . import views
from .feeds import RegisterFeed

app_name = "register"

urlpatterns = [
    path("register/", views.entry_list, name="list"),
    path("register/feed/", RegisterFeed(), name="feed"),
    path("register/export.csv", views.export_csv, name="csv"),
    path("register/<str:reference>/", views.entry, name="entry"),
    path("register/<str:reference>/documents/<int:pk>/", views.document, name="document"),
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/<slug:code>/", views.body_detail, name="body"),
]

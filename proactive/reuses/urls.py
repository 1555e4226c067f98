from django.urls import path

from . import views

urlpatterns = [
    path("reuses/", views.reuses, name="reuses"),
    path("reuses/new/", views.reuse_new, name="reuse_new"),
    path("reuses/<int:pk>/", views.reuse, name="reuse"),
    path("workspace/reuses/", views.moderation, name="reuse_moderation"),
    path("workspace/reuses/<int:pk>/moderate/", views.moderate, name="reuse_moderate"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("workspace/requests/<str:reference>/datasets/link/", views.link, name="portal_link"),
    path("workspace/requests/<str:reference>/datasets/publish/", views.publish, name="portal_publish"),
    path("workspace/requests/<str:reference>/datasets/<int:pk>/", views.dataset, name="portal_dataset"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("complaints/court/new/<str:reference>/", views.new, name="court_new"),
    path("complaints/court/<int:pk>/outcome/", views.outcome, name="court_outcome"),
]

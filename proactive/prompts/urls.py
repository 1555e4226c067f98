from django.urls import path

from . import views

urlpatterns = [
    path("workspace/prompts/", views.prompts, name="prompts"),
    path("workspace/prompts/<int:pk>/", views.prompt, name="prompt"),
    path("workspace/prompts/<int:pk>/publish/", views.prompt_publish, name="prompt_publish"),
    path("workspace/prompts/<int:pk>/link/", views.prompt_link, name="prompt_link"),
    path("workspace/prompts/<int:pk>/dismiss/", views.prompt_dismiss, name="prompt_dismiss"),
]

from django.urls import path

from . import views

# Not under proactive/<code>/ (a body's register): "data-asks" is never a body's code.
urlpatterns = [
    path("data-asks/", views.asks, name="asks"),
    path("data-asks/new/", views.ask_new, name="ask_new"),
    path("data-asks/<int:pk>/", views.ask, name="ask"),
    path("data-asks/<int:pk>/support/", views.ask_support, name="ask_support"),
    path("data-asks/body/<slug:code>/", views.body_asks, name="body_asks"),
    path("workspace/data-asks/", views.workspace_asks, name="workspace_asks"),
    path("workspace/data-asks/<int:pk>/answer/", views.workspace_ask_answer, name="workspace_ask_answer"),
    path("workspace/data-asks/period/<slug:code>/", views.workspace_ask_period, name="workspace_ask_period"),
]

from django.urls import path

from . import views

app_name = "requests"

urlpatterns = [
    path("requests/new/", views.choose_body, name="choose_body"),
    path("requests/new/<slug:code>/", views.file_request, name="file"),
    path("requests/new/<slug:code>/suggestions/", views.suggestions, name="suggestions"),
    path("requests/mine/", views.my_requests, name="mine"),
    path("requests/claim/", views.claim, name="claim"),
    path("requests/<str:reference>/", views.request_detail, name="detail"),
    path("requests/<str:reference>/receipt.pdf", views.receipt, name="receipt"),
    path("requests/<str:reference>/letters/<str:kind>.pdf", views.letter, name="letter"),
    path("requests/<str:reference>/withdraw/", views.withdraw, name="withdraw"),
    path("requests/<str:reference>/messages/", views.post_message, name="message"),
    path("requests/<str:reference>/publication/", views.set_consent, name="consent"),
    path("requests/<str:reference>/attachments/<int:pk>/", views.attachment, name="attachment"),
    path("requests/<str:reference>/documents/<int:pk>/", views.document, name="document"),
]

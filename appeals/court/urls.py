"""URLs of appeals.court (included by appeals.urls, namespace "appeals")."""

urlpatterns = []

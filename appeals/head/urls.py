"""URLs of appeals.head (included by appeals.urls, namespace "appeals")."""

urlpatterns = []

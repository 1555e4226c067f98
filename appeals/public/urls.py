"""URLs of appeals.public (included by appeals.urls, namespace "appeals")."""

urlpatterns = []

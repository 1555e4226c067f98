"""URLs of appeals.sessions (included by appeals.urls, namespace "appeals")."""

urlpatterns = []

"""URLs of appeals.commission (included by appeals.urls, namespace "appeals")."""

urlpatterns = []

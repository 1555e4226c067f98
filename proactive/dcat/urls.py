from django.urls import path

from . import views

# Under /catalogue/, outside the register's /proactive/<code>/ addresses. The URIs the
# catalogue names are these paths without the language prefix (``graph.stable_url``).
urlpatterns = [
    path("catalogue/", views.catalogue, name="dcat_catalog"),
    path("catalogue/catalog.<slug:fmt>", views.catalogue_file, name="dcat_catalog_file"),
    path("catalogue/entries/<int:pk>", views.entry, name="dcat_entry"),
    path("catalogue/datasets/<int:pk>", views.dataset, name="dcat_dataset"),
    path("catalogue/bodies/<slug:code>", views.body, name="dcat_body"),
    path("catalogue/reuse-conditions", views.reuse_conditions, name="dcat_reuse_conditions"),
]

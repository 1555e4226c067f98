"""The extensions the suggestions of answered requests use on PostgreSQL
(``requests_app.suggestions``): unaccent and pg_trgm. Created here, in the app that
needs them, whatever other app also asks for them (CreateExtension is IF NOT EXISTS, and
does nothing on another database)."""

from django.db import migrations

from requests_app.register.extensions import search_extensions


class Migration(migrations.Migration):
    dependencies = [
        ("requests_app", "0019_proactive_publications"),
    ]

    operations = search_extensions()

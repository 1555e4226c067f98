"""Finding published records before filing (proactive.suggestions, requests_app.suggestions)
on PostgreSQL: accents taken off with the unaccent extension, titles compared by trigrams
with pg_trgm. SQLite needs neither: its plain match runs without them (CreateExtension
does nothing on another database)."""

from django.db import migrations

from requests_app.register.extensions import search_extensions


class Migration(migrations.Migration):
    dependencies = [
        ("proactive", "0004_portal_category"),
    ]

    operations = search_extensions()

"""The register's search index (0005) also holds each subject's Arabic words stripped of
their attached prefixes (register/arabic.py), so that "ميزانية" finds "بالميزانية" on
PostgreSQL; the index is on exactly the expression register.selectors.search uses.
SQLite has no index: its substring search needs none."""

from django.db import migrations

from requests_app.register.arabic import search_text_sql

INDEX = "request_subject_search"
OLD = (f"CREATE INDEX IF NOT EXISTS {INDEX} ON requests_app_informationrequest "
       "USING gin (to_tsvector('simple'::regconfig, COALESCE(subject, '')))")
NEW = (f"CREATE INDEX IF NOT EXISTS {INDEX} ON requests_app_informationrequest "
       f"USING gin (to_tsvector('simple'::regconfig, COALESCE({search_text_sql('subject')}, '')))")


def _replace(create):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
            schema_editor.execute(create)
    return run


class Migration(migrations.Migration):
    dependencies = [
        ("requests_app", "0013_holiday_estimated_body_kinds"),
    ]

    operations = [migrations.RunPython(_replace(NEW), _replace(OLD))]

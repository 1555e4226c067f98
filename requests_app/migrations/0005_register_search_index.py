"""The public register's full-text search (selectors.search) on PostgreSQL: a GIN index
on exactly the expression the search uses. SQLite has no text search; it searches with
a plain substring match and needs no index."""

from django.db import migrations

INDEX = "request_subject_search"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON requests_app_informationrequest "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(subject, '')))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("requests_app", "0004_decision_working_days_taken_and_more"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]

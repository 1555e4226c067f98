"""The PostgreSQL extensions the searches use (unaccent, pg_trgm), as migration
operations that do nothing on another database in either direction: Django's
CreateExtension checks the database only when it migrates forwards, so a migration
back through it on SQLite would query PostgreSQL's catalogue."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension


class _OnPostgreSQLOnly:
    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Unaccent(_OnPostgreSQLOnly, UnaccentExtension):
    pass


class Trigram(_OnPostgreSQLOnly, TrigramExtension):
    pass


def search_extensions() -> list:
    return [Unaccent(), Trigram()]

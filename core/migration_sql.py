"""SQL that only PostgreSQL runs, for the migrations: extensions, functions and indexes that
SQLite (development) has no use for or cannot build (trigram and full-text GIN indexes)."""

from django.db import migrations


class RunSQLOnPostgreSQL(migrations.RunSQL):
    """migrations.RunSQL(statements, reverse statements) that other databases skip."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

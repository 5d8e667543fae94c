"""On PostgreSQL, trigram indexes make the directory's search by name or city (ILIKE '%x%')
use an index at any size. Other databases (SQLite in development) skip this."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS school_name_trgm ON schools_school USING gin (UPPER(name) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS school_city_trgm ON schools_school USING gin (UPPER(city) gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS school_name_trgm", "DROP INDEX IF EXISTS school_city_trgm"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("schools", "0004_languages")]

    operations = [migrations.RunPython(forward, backward)]

"""On PostgreSQL, a GIN index on the weighted full-text vector that the browse page's search
filters on (collaborations/selectors.py `_search`), so that a search uses the index at any
size. The expression must stay exactly the one the query builds: title A, summary B,
description C, configuration english. Other databases (SQLite in development) skip this."""

from django.db import migrations

VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(summary, '')), 'B')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(description, '')), 'C'))"
)
FORWARD = [
    "CREATE INDEX IF NOT EXISTS collaboration_search_gin"
    f" ON collaborations_collaboration USING gin ({VECTOR})",
]
BACKWARD = ["DROP INDEX IF EXISTS collaboration_search_gin"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("collaborations", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]

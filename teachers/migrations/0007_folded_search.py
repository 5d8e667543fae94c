"""On PostgreSQL, the teacher directory's search by name forgives accents, case and typos
(core.search): a trigram index on the folded full name. Other databases skip this."""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS user_full_name_fold_trgm"
    " ON teachers_user USING gin (classnet_fold(full_name) gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS user_full_name_fold_trgm"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("teachers", "0006_photo_private_storage"), ("core_search", "0001_fold")]

    operations = [migrations.RunPython(forward, backward)]

"""On PostgreSQL, the teacher directory's search by name forgives accents, case and typos
(core.search): a trigram index on the folded full name. Other databases skip this."""

from django.db import migrations

from core.migration_sql import RunSQLOnPostgreSQL

FORWARD = [
    "CREATE INDEX IF NOT EXISTS user_full_name_fold_trgm"
    " ON teachers_user USING gin (classnet_fold(full_name) gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS user_full_name_fold_trgm"]


class Migration(migrations.Migration):
    dependencies = [("teachers", "0006_photo_private_storage"), ("core_search", "0001_fold")]

    operations = [RunSQLOnPostgreSQL(FORWARD, BACKWARD)]

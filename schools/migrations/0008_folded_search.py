"""On PostgreSQL, the directory's search by name or city forgives accents and case
(core.search: classnet_fold) and typos (pg_trgm word similarity): trigram indexes on the folded
name and city replace those on UPPER(name) and UPPER(city). Other databases skip this."""

from django.db import migrations

from core.migration_sql import RunSQLOnPostgreSQL

FORWARD = [
    "DROP INDEX IF EXISTS school_name_trgm",
    "DROP INDEX IF EXISTS school_city_trgm",
    "CREATE INDEX IF NOT EXISTS school_name_fold_trgm"
    " ON schools_school USING gin (classnet_fold(name) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS school_city_fold_trgm"
    " ON schools_school USING gin (classnet_fold(city) gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS school_name_fold_trgm",
    "DROP INDEX IF EXISTS school_city_fold_trgm",
    "CREATE INDEX IF NOT EXISTS school_name_trgm ON schools_school USING gin (UPPER(name) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS school_city_trgm ON schools_school USING gin (UPPER(city) gin_trgm_ops)",
]


class Migration(migrations.Migration):
    dependencies = [("schools", "0007_school_timezone"), ("core_search", "0001_fold")]

    operations = [RunSQLOnPostgreSQL(FORWARD, BACKWARD)]

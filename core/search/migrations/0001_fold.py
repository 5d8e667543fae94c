"""classnet_fold(text) on PostgreSQL: lower case without accents, IMMUTABLE so that indexes can
be built on it (unaccent() itself is only STABLE: it reads its dictionary, named here in full),
and the "classnet" text search configuration: English stems of unaccented words. Needs the
unaccent and pg_trgm extensions (PostgreSQL's contrib; creating them needs a superuser or a
trusted-extension grant). SQLite registers classnet_fold on each connection instead."""

from django.db import migrations

from core.migration_sql import RunSQLOnPostgreSQL

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE OR REPLACE FUNCTION classnet_fold(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$""",
    """DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'classnet') THEN
           CREATE TEXT SEARCH CONFIGURATION classnet (COPY = english);
           ALTER TEXT SEARCH CONFIGURATION classnet
             ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
         END IF;
       END $$""",
]
BACKWARD = [
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS classnet",
    "DROP FUNCTION IF EXISTS classnet_fold(text)",
]


class Migration(migrations.Migration):
    dependencies = []

    operations = [RunSQLOnPostgreSQL(FORWARD, BACKWARD)]

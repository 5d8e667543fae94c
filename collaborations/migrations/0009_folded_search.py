"""On PostgreSQL, the browse page's search forgives accents and case: the full-text index is
rebuilt with the "classnet" configuration (English stems of unaccented words, core.search), and
a trigram index on the folded title finds titles with a typo. The vector must stay exactly the
one collaborations.selectors builds. Other databases skip this."""

from django.db import migrations

from core.migration_sql import RunSQLOnPostgreSQL


def vector(config: str) -> str:
    return (
        f"(setweight(to_tsvector('{config}'::regconfig, COALESCE(title, '')), 'A')"
        f" || setweight(to_tsvector('{config}'::regconfig, COALESCE(summary, '')), 'B')"
        f" || setweight(to_tsvector('{config}'::regconfig, COALESCE(description, '')), 'C'))"
    )


FORWARD = [
    "DROP INDEX IF EXISTS collaboration_search_gin",
    "CREATE INDEX IF NOT EXISTS collaboration_search_gin"
    f" ON collaborations_collaboration USING gin ({vector('classnet')})",
    "CREATE INDEX IF NOT EXISTS collaboration_title_fold_trgm"
    " ON collaborations_collaboration USING gin (classnet_fold(title) gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS collaboration_title_fold_trgm",
    "DROP INDEX IF EXISTS collaboration_search_gin",
    "CREATE INDEX IF NOT EXISTS collaboration_search_gin"
    f" ON collaborations_collaboration USING gin ({vector('english')})",
]


class Migration(migrations.Migration):
    dependencies = [
        ("collaborations", "0008_diary_photos_media_storage"),
        ("core_search", "0001_fold"),
    ]

    operations = [RunSQLOnPostgreSQL(FORWARD, BACKWARD)]

"""Reference data loaded by migrations, and the database features the directory relies on."""

import pytest
from django.db import connection

from schools.models import Language
from teachers.models import Subject

pytestmark = pytest.mark.django_db


def test_languages_and_subjects_are_loaded():
    assert Language.objects.filter(code__in=["en", "ja", "fi", "vi", "fil"]).count() == 5
    assert Subject.objects.filter(name__in=["Physics", "Mathematics", "STEM"]).count() == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_school_search_has_trigram_indexes_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'schools_school' "
            "AND indexname LIKE '%%trgm' ORDER BY indexname"
        )
        names = [row[0] for row in cursor.fetchall()]

    assert names == ["school_city_fold_trgm", "school_name_fold_trgm"]  # on classnet_fold()

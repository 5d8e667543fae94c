"""Reads about teachers: the directory, a teacher's page, a school's teachers."""

import pytest

from schools.models import Country
from teachers.models import TeacherProfile
from teachers.selectors import (
    TeacherFilters,
    teacher_for_page,
    teachers_for_directory,
)
from tests.factories import (
    CountryFactory,
    LanguageFactory,
    SubjectFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db


def test_teachers_for_directory_lists_verified_active_teachers_by_name(db):
    b = TeacherProfileFactory(user__full_name="Bo Berg")
    a = TeacherProfileFactory(user__full_name="Aino Aalto")
    TeacherProfileFactory(user__full_name="Al Pending", pending=True)
    TeacherProfileFactory(user__full_name="Al Rejected", rejected=True)
    TeacherProfileFactory(user__full_name="Al Erased", user__is_active=False)

    assert list(teachers_for_directory(filters=TeacherFilters())) == [a, b]


@pytest.fixture
def teachers(db):
    japan, france = CountryFactory(code="JP"), Country.objects.get(code="FR")
    biology, history = SubjectFactory(name="Biology"), SubjectFactory(name="History")
    english, french = LanguageFactory(code="en"), LanguageFactory(code="fr")
    TeacherProfileFactory(
        user__full_name="Kenji Watanabe",
        user__country=japan,
        school__name="Osaka Gakuen",
        subjects=[biology],
        languages=[english],
        student_age_min=12,
        student_age_max=15,
    )
    TeacherProfileFactory(
        user__full_name="Marie Dubois",
        user__country=france,
        school__name="Lycée Molière",
        subjects=[biology, history],
        languages=[french, english],
        student_age_min=16,
        student_age_max=18,
    )
    TeacherProfileFactory(
        user__full_name="Ages Unknown", student_age_min=None, student_age_max=None
    )
    return {"JP": japan, "biology": biology, "history": history, "fr": french, "en": english}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"query": "WATANABE"}, ["Kenji Watanabe"]),
        ({"query": "molière"}, ["Marie Dubois"]),  # by school
        ({"region": "asia"}, ["Kenji Watanabe"]),
        ({"region": "europe"}, ["Ages Unknown", "Marie Dubois"]),
        ({"country": "JP"}, ["Kenji Watanabe"]),
        ({"subject": "biology"}, ["Kenji Watanabe", "Marie Dubois"]),
        ({"subject": "history"}, ["Marie Dubois"]),
        ({"language": "en"}, ["Kenji Watanabe", "Marie Dubois"]),  # each once
        ({"language": "fr"}, ["Marie Dubois"]),
        ({"student_age": 12}, ["Kenji Watanabe"]),
        ({"student_age": 15}, ["Kenji Watanabe"]),
        ({"student_age": 16}, ["Marie Dubois"]),
        ({"student_age": 21}, []),
        ({"region": "europe", "subject": "biology", "language": "en"}, ["Marie Dubois"]),
    ],
)
def test_teachers_for_directory_filters(teachers, filters, expected):
    filters = {key: teachers.get(value, value) for key, value in filters.items()}

    found = teachers_for_directory(filters=TeacherFilters(**filters))

    assert [profile.user.full_name for profile in found] == expected


@pytest.mark.parametrize("rows", [1, 20])
def test_teachers_for_directory_reads_a_page_in_three_queries(db, django_assert_num_queries, rows):
    TeacherProfileFactory.create_batch(
        rows, subjects=[SubjectFactory(name="Biology")], languages=[LanguageFactory(code="en")]
    )

    with django_assert_num_queries(3):
        page = list(teachers_for_directory(filters=TeacherFilters())[:25])
        rows_shown = [
            (
                p.user.full_name,
                p.school.country.name,
                [s.name for s in p.subjects.all()],
                [lang.name for lang in p.languages.all()],
            )
            for p in page
        ]

    assert {(country, tuple(s), tuple(lang)) for _n, country, s, lang in rows_shown} == {
        ("Finland", ("Biology",), ("English",))
    }


def test_teacher_for_page_finds_only_verified_active_teachers(db):
    verified = TeacherProfileFactory()
    pending = TeacherProfileFactory(pending=True)
    erased = TeacherProfileFactory(user__is_active=False)

    assert teacher_for_page(pk=verified.pk) == verified
    for hidden in (pending, erased):
        with pytest.raises(TeacherProfile.DoesNotExist):
            teacher_for_page(pk=hidden.pk)

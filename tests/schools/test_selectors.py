"""Schools' reads (schools/selectors.py): the countries to choose from and their counts, what
schools_for_directory and school_for_page return, in how many queries."""

import pytest

from schools.models import Country, School, SchoolKind
from schools.selectors import (
    SchoolFilters,
    countries_for_choice,
    country_counts_by_region,
    school_for_page,
    schools_for_directory,
    verified_teachers_of,
)
from tests.factories import (
    CountryFactory,
    LanguageFactory,
    SchoolFactory,
    SubjectFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db


def test_schools_for_directory_lists_verified_schools_by_name(db):
    b = SchoolFactory(name="Bergen School")
    a = SchoolFactory(name="Aarhus School")
    SchoolFactory(name="Aalborg School", proposed=True)

    assert list(schools_for_directory(filters=SchoolFilters())) == [a, b]


def test_schools_for_directory_counts_only_verified_active_teachers(db):
    school = SchoolFactory()
    TeacherProfileFactory.create_batch(2, school=school)
    TeacherProfileFactory(school=school, pending=True)
    TeacherProfileFactory(school=school, rejected=True)
    TeacherProfileFactory(school=school, user__is_active=False)
    empty = SchoolFactory()

    counts = {s: s.teacher_count for s in schools_for_directory(filters=SchoolFilters())}

    assert counts == {school: 2, empty: 0}


def test_schools_for_directory_counts_each_teacher_once_whatever_the_languages(db):
    school = SchoolFactory(languages=[LanguageFactory(code="en"), LanguageFactory(code="fi")])
    TeacherProfileFactory(school=school)

    [listed] = schools_for_directory(filters=SchoolFilters(language=LanguageFactory(code="en")))

    assert listed.teacher_count == 1


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"query": "osaka"}, ["Osaka Gakuen"]),
        ({"query": "PARIS"}, ["Lycée Molière"]),  # by city, any case
        ({"region": "asia"}, ["Osaka Gakuen"]),
        ({"country": "FR"}, ["Lycée Molière"]),
        ({"kind": SchoolKind.VOCATIONAL}, ["Helsinki Vocational"]),
        ({"language": "fr"}, ["Lycée Molière"]),
        ({"region": "europe", "kind": SchoolKind.SECONDARY}, ["Lycée Molière"]),
        ({"country": "JP", "region": "europe"}, []),
    ],
)
def test_schools_for_directory_filters(db, filters, expected):
    japan, france = CountryFactory(code="JP"), Country.objects.get(code="FR")
    SchoolFactory(name="Osaka Gakuen", city="Osaka", country=japan, kind=SchoolKind.HIGH)
    SchoolFactory(
        name="Lycée Molière", city="Paris", country=france, languages=[LanguageFactory(code="fr")]
    )
    SchoolFactory(name="Helsinki Vocational", kind=SchoolKind.VOCATIONAL)
    if "country" in filters:
        filters["country"] = Country.objects.get(code=filters["country"])
    if "language" in filters:
        filters["language"] = LanguageFactory(code=filters["language"])

    schools = schools_for_directory(filters=SchoolFilters(**filters))

    assert [school.name for school in schools] == expected


@pytest.mark.parametrize("rows", [1, 20])
def test_schools_for_directory_reads_a_page_in_two_queries(db, django_assert_num_queries, rows):
    languages = [LanguageFactory(code="en"), LanguageFactory(code="fi")]
    SchoolFactory.create_batch(rows, languages=languages)

    with django_assert_num_queries(2):
        page = list(schools_for_directory(filters=SchoolFilters())[:24])
        details = [(s.country.name, [lang.name for lang in s.languages.all()]) for s in page]

    assert details == [("Finland", ["English", "Finnish"])] * rows


def test_school_for_page_returns_a_verified_school_with_country_and_languages(
    db, django_assert_num_queries
):
    school = SchoolFactory(languages=[LanguageFactory(code="fi")])

    with django_assert_num_queries(2):
        found = school_for_page(pk=school.pk)
        languages = [language.code for language in found.languages.all()]
        country = found.country.name

    assert (found, languages, country) == (school, ["fi"], "Finland")


def test_school_for_page_does_not_find_a_proposed_school(db):
    school = SchoolFactory(proposed=True)

    with pytest.raises(School.DoesNotExist):
        school_for_page(pk=school.pk)


def test_verified_teachers_of_lists_its_verified_active_teachers_with_subjects(
    db, django_assert_num_queries
):
    school = SchoolFactory()
    b = TeacherProfileFactory(school=school, user__full_name="Bo Berg")
    a = TeacherProfileFactory(
        school=school, user__full_name="Aino Aalto", subjects=[SubjectFactory(name="Biology")]
    )
    TeacherProfileFactory(school=school, pending=True)
    TeacherProfileFactory(school=school, user__is_active=False)
    TeacherProfileFactory()  # another school

    with django_assert_num_queries(2):
        found = [
            (p, p.user.full_name, [s.name for s in p.subjects.all()])
            for p in verified_teachers_of(school=school)
        ]

    assert found == [(a, "Aino Aalto", ["Biology"]), (b, "Bo Berg", [])]


def test_country_counts_by_region_counts_the_51_asem_partners(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = country_counts_by_region()

    assert counts == {"europe": 30, "asia": 21, "total": 51}


def test_countries_for_choice_orders_by_region_then_name(db):
    names = [c.name for c in countries_for_choice()]

    assert names[:2] == ["Australia", "Bangladesh"]
    assert names[21:23] == ["Austria", "Belgium"]

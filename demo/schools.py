"""Demo schools: three verified schools in each ASEM partner country."""

from django.db import transaction
from django.utils.text import slugify

from schools.models import Country, Language, School, StudentCountBand
from schools.services import school_propose, school_verify

from .common import SCHOOL_PATTERNS, staff_user
from .places import CITIES


@transaction.atomic
def seed_schools() -> dict[str, list[School]]:
    """Three verified schools in each of the 51 countries, listed by staff (school_propose)
    and verified by them (school_verify)."""
    staff = staff_user()
    english = Language.objects.get(code="en")
    languages = {language.code: language for language in Language.objects.all()}
    bands = list(StudentCountBand.values)
    schools: dict[str, list[School]] = {}
    for country in Country.objects.all():
        first, second, language_code = CITIES[country.code.code]
        for index, (pattern, kind, city_index) in enumerate(SCHOOL_PATTERNS):
            city = (first, second)[city_index]
            name = pattern.format(first=first, second=second)
            school = School.objects.filter(name=name, city=city, country=country).first()
            if school is None:
                school = school_propose(
                    by=staff,
                    name=name,
                    country=country,
                    city=city,
                    kind=kind,
                    website=f"https://www.{slugify(name)}.example",
                    student_count=bands[(len(name) + index) % len(bands)],
                    languages={languages[language_code], english},
                    description=(
                        f"A {kind} school in {city}, {country.name}, teaching in "
                        f"{languages[language_code].name}"
                        + (" and English." if language_code != "en" else ".")
                    ),
                )
                school = school_verify(school=school, by=staff)
            schools.setdefault(country.code.code, []).append(school)
    return schools

"""Demo schools: three verified schools in each ASEM partner country."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from schools.models import Country, Language, School, StudentCountBand

from .common import SCHOOL_PATTERNS
from .places import CITIES


@transaction.atomic
def seed_schools() -> dict[str, list[School]]:
    """Three verified schools in each of the 51 countries."""
    english = Language.objects.get(code="en")
    languages = {language.code: language for language in Language.objects.all()}
    bands = list(StudentCountBand.values)
    schools: dict[str, list[School]] = {}
    now = timezone.now()
    for country in Country.objects.all():
        first, second, language_code = CITIES[country.code.code]
        for index, (pattern, kind, city_index) in enumerate(SCHOOL_PATTERNS):
            city = (first, second)[city_index]
            name = pattern.format(first=first, second=second)
            school, created = School.objects.get_or_create(
                name=name,
                city=city,
                country=country,
                defaults={
                    "kind": kind,
                    "status": School.Status.VERIFIED,
                    "verified_at": now,
                    "student_count": bands[(len(name) + index) % len(bands)],
                    "website": f"https://www.{slugify(name)}.example",
                    "description": (
                        f"A {kind} school in {city}, {country.name}, teaching in "
                        f"{languages[language_code].name}"
                        + (" and English." if language_code != "en" else ".")
                    ),
                },
            )
            if created:
                school.languages.set({languages[language_code], english})
            schools.setdefault(country.code.code, []).append(school)
    return schools

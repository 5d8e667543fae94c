"""Demo people: the demo logins, two teachers per country, and the queues staff work."""

import random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from core.roles import JUDGES_GROUP, STAFF_GROUP
from schools.models import Country, Language, School, SchoolKind
from teachers.models import Subject, TeacherProfile, User

from .common import DEMO_LOGINS, DEMO_PASSWORD, DemoLogin, account_get_or_create
from .places import ASIAN_FAMILY, ASIAN_GIVEN, CITIES, EUROPEAN_FAMILY, EUROPEAN_GIVEN


@transaction.atomic
def seed_teachers(schools: dict[str, list[School]]) -> None:
    """Two verified teachers per country, some waiting for verification, and two schools a
    teacher proposed: a network with something in every list and queue."""
    rng = random.Random(2018)  # noqa: S311 - the same demo every time, not security
    password_hash = make_password(DEMO_PASSWORD)
    subjects = list(Subject.objects.order_by("name"))
    english = Language.objects.get(code="en")
    languages = {language.code: language for language in Language.objects.all()}
    for country in Country.objects.order_by("code"):
        code = country.code.code
        asian = country.region == "asia"
        given, family = (ASIAN_GIVEN, ASIAN_FAMILY) if asian else (EUROPEAN_GIVEN, EUROPEAN_FAMILY)
        for number in range(3):
            pending = number == 2 and code in {"DE", "JP", "PH", "PL"}
            proposer = number == 2 and code in {"VN", "IT"}
            if number == 2 and not (pending or proposer):
                continue
            if asian:
                full_name = f"{rng.choice(family)} {rng.choice(given)}"
            else:
                full_name = f"{rng.choice(given)} {rng.choice(family)}"
            user = account_get_or_create(
                email=f"teacher{number + 1}.{code.lower()}@classnet.demo",
                full_name=full_name,
                country=country,
                password_hash=password_hash,
            )
            if proposer:
                continue  # gets the school they propose, below
            youngest = rng.choice([12, 13, 14, 15])
            profile, created = TeacherProfile.objects.get_or_create(
                user=user,
                defaults={
                    "school": schools[code][number % 3],
                    "verification": (
                        TeacherProfile.Verification.PENDING
                        if pending
                        else TeacherProfile.Verification.VERIFIED
                    ),
                    "verified_at": None if pending else timezone.now(),
                    "student_age_min": youngest,
                    "student_age_max": youngest + rng.choice([3, 4, 5]),
                    "bio": (
                        f"I teach at {schools[code][number % 3].name} and look for partner "
                        f"classes in {'Europe' if asian else 'Asia'}."
                    ),
                },
            )
            if created:
                profile.subjects.set(rng.sample(subjects, 2))
                profile.languages.set({english, languages[CITIES[code][2]]})
    # Two schools proposed by teachers, waiting for staff.
    for code, name, city in [
        ("VN", "Hue Gifted High School", "Hue"),
        ("IT", "Liceo Galilei", "Pisa"),
    ]:
        country = Country.objects.get(code=code)
        proposer = User.objects.get(email=f"teacher3.{code.lower()}@classnet.demo")
        school, _created = School.objects.get_or_create(
            name=name,
            city=city,
            country=country,
            defaults={"kind": SchoolKind.HIGH, "proposed_by": proposer},
        )
        TeacherProfile.objects.get_or_create(
            user=proposer, defaults={"school": school, "student_age_min": 15, "student_age_max": 18}
        )


@transaction.atomic
def seed_people(schools: dict[str, list[School]]) -> list[DemoLogin]:
    password_hash = make_password(DEMO_PASSWORD)
    users = {
        login.role: account_get_or_create(
            email=login.email,
            full_name=login.full_name,
            country=Country.objects.get(code=login.country_code),
            password_hash=password_hash,
        )
        for login in DEMO_LOGINS
    }
    profile, created = TeacherProfile.objects.get_or_create(
        user=users["teacher"],
        defaults={
            "school": schools["FI"][0],
            "verification": TeacherProfile.Verification.VERIFIED,
            "verified_at": timezone.now(),
            "student_age_min": 15,
            "student_age_max": 18,
            "bio": "Physics and mathematics teacher in Helsinki. My students love robotics "
            "and would like to build something with a class in Asia.",
        },
    )
    if created:
        profile.subjects.set(Subject.objects.filter(name__in=["Physics", "Mathematics"]))
        profile.languages.set(Language.objects.filter(code__in=["fi", "en", "sv"]))

    staff = users["staff"]
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    if not staff.is_staff:
        staff.is_staff = True
        staff.save(update_fields=["is_staff"])

    users["judge"].groups.add(Group.objects.get(name=JUDGES_GROUP))
    return DEMO_LOGINS

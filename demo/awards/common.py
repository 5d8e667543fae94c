"""What the two cycles share: dates, the rubric, teachers and judges, the entry statement."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from awards.rubrics import CategoryRow, CriterionRow, LevelRow
from collaborations.models import Collaboration, Membership
from core.roles import JUDGES_GROUP
from schools.models import Country, Language, School
from teachers.models import Subject, TeacherProfile, User

from ..common import DEMO_LOGINS, DEMO_PASSWORD, SCHOOL_PATTERNS, account_get_or_create, staff_user
from ..people import teacher_sign_up
from ..places import ASIAN_FAMILY, ASIAN_GIVEN, CITIES, EUROPEAN_FAMILY, EUROPEAN_GIVEN
from .data import (
    AWARD_COUNTRIES,
    AWARD_STUDENTS,
    CATEGORIES,
    CRITERIA,
    JUDGES,
    LEVEL_WORDS,
    LEVELS,
    THREE_SCHOOL_COUNTRIES,
)


def at(zone, year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=zone)


def _password_hash() -> str:
    """The demo password's hash, shared like seed_teachers shares it: taken from the demo
    teacher seed_people just wrote (a hash is slow on purpose; the seed needs none more)."""
    demo = User.objects.filter(email=DEMO_LOGINS[0].email).values_list("password", flat=True)
    return demo.first() or make_password(DEMO_PASSWORD)


def demo_user(*, email: str, full_name: str, country: Country) -> User:
    existing = User.objects.filter(email=email).first()
    return existing or account_get_or_create(
        email=email, full_name=full_name, country=country, password_hash=_password_hash()
    )


def award_teacher(*, email: str, school: School, rng: random.Random):
    """A verified demo teacher at the school (get, or sign up and verified by staff)."""
    asian = school.country.region == "asia"
    given, family = (ASIAN_GIVEN, ASIAN_FAMILY) if asian else (EUROPEAN_GIVEN, EUROPEAN_FAMILY)
    first, last = rng.choice(given), rng.choice(family)
    user = demo_user(
        email=email,
        full_name=f"{last} {first}" if asian else f"{first} {last}",
        country=school.country,
    )
    youngest = rng.choice([12, 13, 14, 15])
    existing = TeacherProfile.objects.filter(user=user).first()
    if existing is not None:
        return existing
    code = school.country.code.code
    return teacher_sign_up(
        user=user,
        school=school,
        student_age_min=youngest,
        student_age_max=youngest + 4,
        subjects=rng.sample(list(Subject.objects.order_by("name")), 2),
        languages=Language.objects.filter(code__in={"en", CITIES[code][2]}),
        bio=f"I teach at {school.name} and have run collaborations with "
        f"{'Europe' if asian else 'Asia'} since 2017.",
        verified_by=staff_user(),
    )


def schools_of(code: str) -> list[School]:
    """The three demo schools of a country, in seed_schools' order."""
    first, second, _language = CITIES[code]
    return [
        School.objects.get(
            name=pattern.format(first=first, second=second),
            city=(first, second)[city_index],
            country__code=code,
        )
        for pattern, _kind, city_index in SCHOOL_PATTERNS
    ]


def panel_users() -> list[User]:
    judges_group = Group.objects.get(name=JUDGES_GROUP)
    users = []
    for email, full_name, code in JUDGES:
        user = demo_user(email=email, full_name=full_name, country=Country.objects.get(code=code))
        # demo-direct: the judges' role is given in the back office (admin): no service.
        user.groups.add(judges_group)
        users.append(user)
    return users


def rubric_rows() -> tuple[list[CategoryRow], list[LevelRow], list[CriterionRow]]:
    """The categories, levels and rubric, as staff enter them in a cycle's set-up."""
    categories = [
        CategoryRow(name=name, description=description, position=position)
        for position, (name, description) in enumerate(CATEGORIES)
    ]
    levels = [LevelRow(name=name, rank=rank, winners=winners) for name, rank, winners in LEVELS]
    criteria = [
        CriterionRow(
            name=name,
            guidance=guidance,
            weight=Decimal(1),
            scale_min=1,
            scale_max=5,
            descriptors={
                str(level + 1): words.format(x=about) for level, words in enumerate(LEVEL_WORDS)
            },
            is_primary=name == "Learning outcomes",
        )
        for name, guidance, about in CRITERIA
    ]
    return categories, levels, criteria


def statement_for(collaboration: Collaboration, memberships: list[Membership]) -> str:
    countries = sorted({m.school.country.name for m in memberships})
    students = sum(m.student_count for m in memberships)
    return (
        f"{collaboration.summary}\n\n"
        f"{len(memberships)} schools in {', '.join(countries)} worked together, with "
        f"{students} students in mixed teams across the regions. Each month the classes met "
        "online, shared their work on a common board and gave each other feedback; the "
        "teachers planned every step together in a monthly call.\n\n"
        "The students' products and a short film are linked below."
    )


def award_teachers(rng: random.Random) -> list[TeacherProfile]:
    """78 teachers in 26 countries, interleaved Asia, Europe, Asia…: teacher1 and teacher2
    of each country (seed.py) and a new teacher.award1.<cc>."""
    by_region = {}
    for region, codes in AWARD_COUNTRIES.items():
        people = []
        for code in codes:
            schools = schools_of(code)
            for number in (1, 2):
                people.append(
                    TeacherProfile.objects.select_related("school__country").get(
                        user__email=f"teacher{number}.{code.lower()}@classnet.demo"
                    )
                )
            people.append(
                award_teacher(
                    email=f"teacher.award1.{code.lower()}@classnet.demo",
                    school=schools[2 if code in THREE_SCHOOL_COUNTRIES else 0],
                    rng=rng,
                )
            )
        by_region[region] = people
    return [
        teacher
        for pair in zip(by_region["asia"], by_region["europe"], strict=True)
        for teacher in pair
    ]


def student_counts(rng: random.Random, n: int) -> list[int]:
    """n class sizes between 8 and 24 adding up to exactly AWARD_STUDENTS."""
    counts = [rng.randint(9, 20) for _ in range(n)]
    index = 0
    while (difference := AWARD_STUDENTS - sum(counts)) != 0:
        step = 1 if difference > 0 else -1
        if 8 <= counts[index] + step <= 24:
            counts[index] += step
        index = (index + 1) % n
    return counts

"""Demo people: the demo logins, two teachers per country, and the queues staff work."""

import random
from collections.abc import Iterable

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import models, transaction

from core.roles import JUDGES_GROUP, STAFF_GROUP
from schools.models import Country, Language, School, SchoolKind
from teachers.models import Subject, TeacherProfile, User
from teachers.services import (
    teacher_profile_update,
    teacher_register,
    teacher_school_choose,
    teacher_school_propose,
    teacher_verify,
)

from .common import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    DemoLogin,
    account_get_or_create,
    staff_user,
)
from .places import ASIAN_FAMILY, ASIAN_GIVEN, CITIES, EUROPEAN_FAMILY, EUROPEAN_GIVEN


def teacher_sign_up(
    *,
    user: User,
    school: School | None,
    student_age_min: int,
    student_age_max: int,
    subjects: Iterable[Subject] = (),
    languages: Iterable[Language] = (),
    bio: str = "",
    verified_by: User | None = None,
) -> TeacherProfile:
    """What a teacher does after signing up (teachers.services: register, fill in the profile,
    name the school) and, with `verified_by`, staff's verification (teacher_verify)."""
    profile = teacher_register(user=user, full_name=user.full_name, country=user.country, by=user)
    profile = teacher_profile_update(
        by=user,
        profile=profile,
        full_name=user.full_name,
        subjects=subjects,
        languages=languages,
        student_age_min=student_age_min,
        student_age_max=student_age_max,
        bio=bio,
    )
    if school is not None:
        profile = teacher_school_choose(profile=profile, school=school, by=user)
    if verified_by is not None:
        profile = teacher_verify(profile=profile, by=verified_by)
    return profile


@transaction.atomic
def seed_staff() -> User:
    """The demo's staff member, first: staff verify the schools and teachers that follow."""
    login = next(login for login in DEMO_LOGINS if login.role == "staff")
    staff = account_get_or_create(
        email=login.email,
        full_name=login.full_name,
        country=Country.objects.get(code=login.country_code),
        password_hash=make_password(DEMO_PASSWORD),
    )
    # demo-direct: staff's role is given in the back office (admin), which has no service.
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    if not staff.is_staff:
        staff.is_staff = True
        staff.save(update_fields=["is_staff"])
    return staff


@transaction.atomic
def seed_teachers(schools: dict[str, list[School]]) -> None:
    """Two verified teachers per country, some waiting for verification, and two schools a
    teacher proposed: a network with something in every list and queue. Each teacher signs
    up (teacher_sign_up); staff verify all but the pending ones."""
    staff = staff_user()
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
            oldest = youngest + rng.choice([3, 4, 5])
            if TeacherProfile.objects.filter(user=user).exists():
                continue
            teacher_sign_up(
                user=user,
                school=schools[code][number % 3],
                student_age_min=youngest,
                student_age_max=oldest,
                subjects=rng.sample(subjects, 2),
                languages={english, languages[CITIES[code][2]]},
                bio=(
                    f"I teach at {schools[code][number % 3].name} and look for partner "
                    f"classes in {'Europe' if asian else 'Asia'}."
                ),
                verified_by=None if pending else staff,
            )
    # Two schools proposed by teachers, waiting for staff.
    for code, name, city in [
        ("VN", "Hue Gifted High School", "Hue"),
        ("IT", "Liceo Galilei", "Pisa"),
    ]:
        country = Country.objects.get(code=code)
        proposer = User.objects.get(email=f"teacher3.{code.lower()}@classnet.demo")
        if TeacherProfile.objects.filter(user=proposer).exists():
            continue
        profile = teacher_sign_up(
            user=proposer, school=None, student_age_min=15, student_age_max=18
        )
        teacher_school_propose(
            profile=profile,
            by=proposer,
            name=name,
            country=country,
            city=city,
            kind=SchoolKind.HIGH,
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
    if not TeacherProfile.objects.filter(user=users["teacher"]).exists():
        teacher_sign_up(
            user=users["teacher"],
            school=schools["FI"][0],
            student_age_min=15,
            student_age_max=18,
            subjects=Subject.objects.filter(name__in=["Physics", "Mathematics"]),
            languages=Language.objects.filter(code__in=["fi", "en", "sv"]),
            bio="Physics and mathematics teacher in Helsinki. My students love robotics "
            "and would like to build something with a class in Asia.",
            verified_by=users["staff"],
        )
    # demo-direct: a judge's role is given in the back office (admin), which has no service.
    users["judge"].groups.add(Group.objects.get(name=JUDGES_GROUP))
    return DEMO_LOGINS


def seed_second_factors() -> int:
    """Every demo staff member, judge and superuser gets an authenticator app with the demo's
    published secret, so that they sign in with a code rather than meet the set-up first.
    Last in seed_all: judges are made by the Awards' seeding. Returns how many were added."""
    # demo-direct: allauth sets an authenticator up through its pages (scan, confirm).
    people = (
        User.objects.filter(email__endswith="@classnet.demo")
        .filter(
            models.Q(is_superuser=True) | models.Q(groups__name__in=[STAFF_GROUP, JUDGES_GROUP])
        )
        .exclude(authenticator__type=Authenticator.Type.TOTP)
        .distinct()
    )
    added = 0
    for user in people:
        TOTP.activate(user, DEMO_TOTP_SECRET)
        added += 1
    return added

"""Demo data: a small living network. Every function is idempotent (safe to run again)."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from schools.models import Country
from schools.services import countries_sync
from teachers.models import TeacherProfile, User
from teachers.roles import JUDGES_GROUP, STAFF_GROUP

DEMO_PASSWORD = "classnet-demo"  # noqa: S105 - demo accounts only, printed by `make run`


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    full_name: str
    country_code: str


DEMO_LOGINS = [
    DemoLogin("teacher", "teacher@classnet.demo", "Aino Virtanen", "FI"),
    DemoLogin("staff", "staff@classnet.demo", "Sofia Lim", "SG"),
    DemoLogin("judge", "judge@classnet.demo", "Kenji Watanabe", "JP"),
]


def _demo_user(login: DemoLogin) -> User:
    user = User.objects.filter(email=login.email).first()
    if user is None:
        user = User.objects.create_user(
            email=login.email,
            password=DEMO_PASSWORD,
            full_name=login.full_name,
            country=Country.objects.get(code=login.country_code),
        )
    EmailAddress.objects.update_or_create(
        user=user, email=login.email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def seed_people() -> list[DemoLogin]:
    users = {login.role: _demo_user(login) for login in DEMO_LOGINS}

    TeacherProfile.objects.update_or_create(
        user=users["teacher"], defaults={"verification": TeacherProfile.Verification.VERIFIED}
    )

    staff = users["staff"]
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    if not staff.is_staff:
        staff.is_staff = True
        staff.save(update_fields=["is_staff"])

    users["judge"].groups.add(Group.objects.get(name=JUDGES_GROUP))
    return DEMO_LOGINS


def seed_all() -> list[DemoLogin]:
    countries_sync()
    return seed_people()

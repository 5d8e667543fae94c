"""What the demo modules share: the demo logins and their password, the patterns of the
schools' names, and the account helper. seed.py, awards.py and surveys_gallery.py build on it."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress

from schools.models import Country, SchoolKind
from teachers.models import User

DEMO_PASSWORD = "classnet-demo"  # noqa: S105 - demo accounts only, printed by `make run`
# Staff and judges need a second factor (core/mfa.py): the demo's have an authenticator app set
# up with this secret (README; `python manage.py demo_totp` prints the current code).
DEMO_TOTP_SECRET = "CLASSNETDEMOCLASSNETDEMOCLASSNET"  # noqa: S105 - demo accounts only


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

SCHOOL_PATTERNS = [
    ("{first} International School", SchoolKind.HIGH, 0),
    ("{second} Secondary School", SchoolKind.SECONDARY, 1),
    ("{first} Vocational College", SchoolKind.VOCATIONAL, 0),
]


def account_get_or_create(
    *, email: str, full_name: str, country: Country, password_hash: str
) -> User:
    # demo-direct: signing up is django-allauth's (its form, then e-mail confirmation), not a
    # service of ours; teacher_register and the rest of the sign-up go through teachers.services.
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"full_name": full_name, "country": country, "password": password_hash},
    )
    if created:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def staff_user() -> User | None:
    """The demo's staff member (seed_people makes them), who does staff's part of the demo."""
    email = next(login.email for login in DEMO_LOGINS if login.role == "staff")
    return User.objects.filter(email=email).first()


def backdate(instance, **moments) -> None:
    """Give a row made through a service the dates of the demo's past (history rows).

    Services stamp `timezone.now()`; a network with a history needs rows from 2018 on. This is
    the one place the demo writes past dates, by an UPDATE of the named fields, after the
    service has done its checks. `instance` may also be a queryset (each row gets the dates).
    """
    rows = (
        instance if hasattr(instance, "update") else type(instance).objects.filter(pk=instance.pk)
    )
    rows.update(**moments)
    if not hasattr(instance, "update"):
        for field, value in moments.items():
            setattr(instance, field, value)

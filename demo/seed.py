"""Demo data: a small living network, composed from the demo modules. Every function is
idempotent (safe to run again)."""

from schools.services import countries_sync

from .awards.seed import seed_awards
from .collaborations import seed_collaborations, seed_diary, seed_fourteenth_initiated
from .common import DEMO_PASSWORD, DemoLogin
from .conferences import (
    seed_applications,
    seed_editions,
    seed_fourteenth_participants,
    seed_programme,
)
from .gallery import seed_gallery
from .people import seed_people, seed_second_factors, seed_staff, seed_teachers
from .schools import seed_schools
from .surveys import seed_surveys

__all__ = ["DEMO_PASSWORD", "seed_all"]


def seed_all() -> list[DemoLogin]:
    countries_sync()
    seed_staff()
    schools = seed_schools()
    seed_teachers(schools)
    logins = seed_people(schools)
    editions = seed_editions()
    seed_programme(editions)
    seed_applications(editions)
    seed_collaborations(editions)
    seed_awards(editions)
    seed_fourteenth_participants(editions)
    seed_fourteenth_initiated(editions)
    seed_diary()
    seed_surveys(editions)
    seed_gallery(editions)
    seed_second_factors()
    return logins

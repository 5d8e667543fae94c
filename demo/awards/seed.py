"""The Awards of the demo: the 14th's published, the 17th's open."""

from django.db import transaction

from awards.models import (
    AwardCycle,
)
from teachers.models import User

from .common import panel_users
from .fourteenth import seed_fourteenth
from .seventeenth import seed_arctic, seed_seventeenth


@transaction.atomic
def seed_awards(editions: dict) -> None:
    """The 14th edition's published Awards and the 17th's cycle open for entries, with its
    judges ready; the demo teacher leads a collaboration she can enter. Idempotent."""
    judges = panel_users()
    staff = User.objects.filter(email="staff@classnet.demo").first()
    seed_arctic(editions)
    if not AwardCycle.objects.filter(edition=editions[14]).exists():
        seed_fourteenth(editions[14], judges, staff)
    if not AwardCycle.objects.filter(edition=editions[17]).exists():
        seed_seventeenth(editions[17], judges, staff)

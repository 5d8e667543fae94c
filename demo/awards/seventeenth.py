"""The 17th edition's cycle, open for entries, and the collaboration the demo teacher enters."""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from awards.models import (
    AwardCycle,
    Conflict,
    CycleJudge,
    Entry,
    Evidence,
    Stage,
)
from collaborations.models import Collaboration, Membership
from collaborations.selectors import bi_regional
from collaborations.services import themes_from_names
from schools.models import Language
from teachers.models import Subject, TeacherProfile, User

from ..projects import PROJECTS
from .common import rubric_create, statement_for
from .data import ARCTIC_TITLE, SCIENCE_SUBJECTS


def _eligible_for_the_coming_cycle() -> list[Collaboration]:
    """The demo's running and completed bi-regional collaborations (seed.py's 40), by title."""
    collaborations = (
        Collaboration.objects.filter(
            title__in=[title for title, *_rest in PROJECTS],
            status__in=[Collaboration.Status.RUNNING, Collaboration.Status.COMPLETED],
        )
        .exclude(award_entries__isnull=False)
        .prefetch_related("memberships__school__country", "memberships__teacher")
        .order_by("title")
    )
    return [c for c in collaborations if bi_regional(c).ok]


def seed_seventeenth(edition, judges: list[User], staff: User | None) -> None:
    now = timezone.now()
    close_at = now + datetime.timedelta(days=60)
    cycle = AwardCycle.objects.create(
        edition=edition,
        introduction=(
            "Has your class run a collaboration with schools in the other region? Enter it "
            "for the ClassNet Awards: winners are announced at the 17th ClassNet Conference."
        ),
        status=AwardCycle.Status.OPEN,
        entries_open_at=now - datetime.timedelta(days=10),
        entries_close_at=close_at,
        judges_per_entry=3,
        blind=True,
        tie_break=["median", "primary", "chair"],
    )
    rubric_create(cycle)
    categories = list(cycle.categories.all())
    Stage.objects.create(
        cycle=cycle,
        kind=Stage.Kind.SHORTLIST,
        position=1,
        opens_at=close_at + datetime.timedelta(days=2),
        closes_at=close_at + datetime.timedelta(days=23),
    )
    Stage.objects.create(
        cycle=cycle,
        kind=Stage.Kind.FINAL,
        position=2,
        opens_at=close_at + datetime.timedelta(days=30),
        closes_at=close_at + datetime.timedelta(days=51),
    )
    panel = [
        CycleJudge.objects.create(
            cycle=cycle,
            user=user,
            status=CycleJudge.Status.ACTIVE,
            is_chair=index == 0,
            invited_by=staff,
            invited_at=now - datetime.timedelta(days=9),
            answered_at=now - datetime.timedelta(days=8 - index),
        )
        for index, user in enumerate(judges)
    ]
    main_subject = {title: subjects[0] for title, _summary, subjects, _themes in PROJECTS}
    for index, collaboration in enumerate(_eligible_for_the_coming_cycle()[:8]):
        memberships = list(collaboration.memberships.all())
        lead = next(m for m in memberships if m.role == Membership.Role.LEAD)
        submitted_at = now - datetime.timedelta(days=8 - index, hours=index)
        entry = Entry.objects.create(
            cycle=cycle,
            collaboration=collaboration,
            category=categories[0 if main_subject[collaboration.title] in SCIENCE_SUBJECTS else 1],
            submitted_by=lead.teacher,
            statement=statement_for(collaboration, memberships),
            student_count=sum(m.student_count for m in memberships),
            status=Entry.Status.SUBMITTED,
            submitted_at=submitted_at,
        )
        Evidence.objects.create(
            entry=entry,
            title="Our collaboration's diary and products",
            url=f"https://{slugify(collaboration.title)}.example/",
        )
        if index == 2:
            # A judge who advised one school declared it, so automatic assignment skips her.
            Conflict.objects.create(
                judge=panel[1],
                entry=entry,
                source=Conflict.Source.DECLARED,
                reason="I advised one of the partner schools on this project.",
            )


def seed_arctic(editions: dict) -> None:
    """The demo teacher leads a running bi-regional collaboration, not entered yet: the
    walkthrough enters it for the 17th."""
    if Collaboration.objects.filter(title=ARCTIC_TITLE).exists():
        return
    lead = TeacherProfile.objects.select_related("school").get(user__email="teacher@classnet.demo")
    partner = TeacherProfile.objects.select_related("school").get(
        user__email="teacher1.bd@classnet.demo"
    )
    today = timezone.localdate()
    collaboration = Collaboration.objects.create(
        title=ARCTIC_TITLE,
        summary="Students in Helsinki and Dhaka keep weather diaries and compare winter "
        "darkness with monsoon rain.",
        description=(
            "Every school day both classes record temperature, rain and daylight, and once a "
            "week they write a diary entry about how the weather shapes their lives. Each "
            "month they meet online to compare charts and stories."
        ),
        kind=Collaboration.Kind.ONLINE,
        student_age_min=14,
        student_age_max=17,
        ict_tools="micro:bit, Padlet, Zoom",
        starts_on=today - datetime.timedelta(days=75),
        ends_on=today + datetime.timedelta(days=150),
        partner_schools_wanted=3,
        wanted_region="asia",
        status=Collaboration.Status.RUNNING,
        initiated_at=editions.get(16),
        created_by=lead.user,
    )
    collaboration.subjects.set(Subject.objects.filter(name__in=["Physics", "Geography"]))
    collaboration.languages.set(Language.objects.filter(code="en"))
    collaboration.themes.set(themes_from_names(["climate", "weather"]))
    Membership.objects.create(
        collaboration=collaboration,
        school=lead.school,
        teacher=lead,
        role=Membership.Role.LEAD,
        student_count=24,
    )
    Membership.objects.create(
        collaboration=collaboration, school=partner.school, teacher=partner, student_count=28
    )

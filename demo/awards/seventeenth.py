"""The 17th edition's cycle, open for entries, and the collaboration the demo teacher enters."""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from awards.models import (
    AwardCycle,
    CycleJudge,
    Stage,
)
from awards.rubrics import StageRow
from awards.services.cycles import cycle_create, cycle_set_status
from awards.services.entries import entry_save, entry_submit, evidence_add
from awards.services.judges import (
    conflicts_declare,
    invitation_accept,
    judge_make_chair,
    judges_invite,
)
from collaborations.models import Collaboration, Membership
from collaborations.selectors.collaborations import bi_regional
from collaborations.services.collaborations import collaboration_propose
from schools.models import Language
from teachers.models import Subject, TeacherProfile, User

from ..collaborations import partner_join, status_walk
from ..common import backdate
from ..projects import PROJECTS
from .common import rubric_rows, statement_for
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
    """Staff set up the 17th's Awards (cycle_create) and open them (cycle_set_status); the
    judges are invited and accept (judges_invite, invitation_accept), the first chairs; eight
    leads enter their collaboration (entry_save, evidence_add, entry_submit) and a judge
    declares a conflict (conflicts_declare). Then the dates go back a few days (backdate)."""
    now = timezone.now()
    close_at = now + datetime.timedelta(days=60)
    categories, levels, criteria = rubric_rows()
    cycle = cycle_create(
        edition=edition,
        by=staff,
        fields={
            "introduction": (
                "Has your class run a collaboration with schools in the other region? Enter it "
                "for the ClassNet Awards: winners are announced at the 17th ClassNet Conference."
            ),
            "entries_open_at": now - datetime.timedelta(days=10),
            "entries_close_at": close_at,
            "judges_per_entry": 3,
            "blind": True,
        },
        tie_break=["median", "primary", "chair"],
        categories=categories,
        levels=levels,
        criteria=criteria,
        stages=[
            StageRow(
                kind=Stage.Kind.SHORTLIST,
                opens_at=close_at + datetime.timedelta(days=2),
                closes_at=close_at + datetime.timedelta(days=23),
            ),
            StageRow(
                kind=Stage.Kind.FINAL,
                opens_at=close_at + datetime.timedelta(days=30),
                closes_at=close_at + datetime.timedelta(days=51),
            ),
        ],
    )
    cycle = cycle_set_status(cycle=cycle, by=staff, to=AwardCycle.Status.OPEN)
    judges_invite(cycle=cycle, emails=[user.email for user in judges], by=staff)
    panel = []
    for index, user in enumerate(judges):
        judge = invitation_accept(judge=CycleJudge.objects.get(cycle=cycle, user=user), by=user)
        backdate(
            judge,
            invited_at=now - datetime.timedelta(days=9),
            answered_at=now - datetime.timedelta(days=8 - index),
        )
        panel.append(judge)
    judge_make_chair(judge=panel[0], by=staff)
    categories = list(cycle.categories.order_by("position"))
    main_subject = {title: subjects[0] for title, _summary, subjects, _themes in PROJECTS}
    for index, collaboration in enumerate(_eligible_for_the_coming_cycle()[:8]):
        memberships = list(collaboration.memberships.all())
        lead = next(m for m in memberships if m.role == Membership.Role.LEAD)
        by = lead.teacher.user
        entry = entry_save(
            by=by,
            cycle=cycle,
            collaboration=collaboration,
            category=categories[0 if main_subject[collaboration.title] in SCIENCE_SUBJECTS else 1],
            statement=statement_for(collaboration, memberships),
            student_count=sum(m.student_count for m in memberships),
        )
        evidence_add(
            entry=entry,
            by=by,
            title="Our collaboration's diary and products",
            url=f"https://{slugify(collaboration.title)}.example/",
        )
        entry = entry_submit(entry=entry, by=by)
        submitted_at = now - datetime.timedelta(days=8 - index, hours=index)
        backdate(entry, created_at=submitted_at, submitted_at=submitted_at)
        if index == 2:
            # A judge who advised one school declared it, so automatic assignment skips her.
            conflicts_declare(
                judge=panel[1],
                declared={entry.pk: "I advised one of the partner schools on this project."},
                by=panel[1].user,
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
    collaboration = collaboration_propose(
        by=lead.user,
        title=ARCTIC_TITLE,
        summary="Students in Helsinki and Dhaka keep weather diaries and compare winter "
        "darkness with monsoon rain.",
        description=(
            "Every school day both classes record temperature, rain and daylight, and once a "
            "week they write a diary entry about how the weather shapes their lives. Each "
            "month they meet online to compare charts and stories."
        ),
        subjects=Subject.objects.filter(name__in=["Physics", "Geography"]),
        languages=Language.objects.filter(code="en"),
        theme_names=["climate", "weather"],
        kind=Collaboration.Kind.ONLINE,
        student_age_min=14,
        student_age_max=17,
        ict_tools="micro:bit, Padlet, Zoom",
        starts_on=today - datetime.timedelta(days=75),
        ends_on=today + datetime.timedelta(days=150),
        partner_schools_wanted=3,
        wanted_region="asia",
        student_count=24,
        publish=True,
        initiated_at=editions.get(16),
    )
    partner_join(collaboration=collaboration, lead=lead, teacher=partner, student_count=28)
    status_walk(collaboration=collaboration, by=lead.user, to=Collaboration.Status.RUNNING)

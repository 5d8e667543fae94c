"""Demo collaborations: about 40 in every status, the 22 initiated at the 14th edition, and
their diaries."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from collaborations.models import Collaboration, JoinRequest, Membership
from collaborations.services.collaborations import collaboration_propose, collaboration_set_status
from collaborations.services.diary import diary_post_create
from collaborations.services.join_requests import join_request_accept, join_request_create
from schools.models import Language
from teachers.models import Subject, TeacherProfile

from .common import backdate
from .projects import FOURTEENTH_PROJECTS, PROJECTS

# The statuses a collaboration goes through, in order (a draft is not yet on this path).
STATUS_PATH = ["open", "running", "completed", "archived"]
JOIN_MESSAGE = "Our class would like to join: we can meet online every month."


def partner_join(
    *, collaboration: Collaboration, lead: TeacherProfile, teacher: TeacherProfile, **request
) -> Membership:
    """A partner school's teacher asks to join (collaborations.services.join_request_create)
    and the lead accepts (join_request_accept). `request`: student_count, message."""
    request.setdefault("message", JOIN_MESSAGE)
    join_request = join_request_create(collaboration=collaboration, by=teacher.user, **request)
    return join_request_accept(join_request=join_request, by=lead.user)


def status_walk(*, collaboration: Collaboration, by, to: str) -> Collaboration:
    """The lead moves the collaboration along STATUS_PATH, one step at a time, up to `to`."""
    if to not in STATUS_PATH or collaboration.status not in STATUS_PATH:
        return collaboration
    start, end = STATUS_PATH.index(collaboration.status), STATUS_PATH.index(to)
    for status in STATUS_PATH[start + 1 : end + 1]:
        collaboration = collaboration_set_status(collaboration=collaboration, by=by, status=status)
    return collaboration


def backdate_collaboration(collaboration: Collaboration, when: datetime.datetime) -> None:
    """The history of a past collaboration: proposed, joined and answered at `when`."""
    backdate(collaboration, created_at=when, updated_at=when)
    backdate(collaboration.memberships.all(), joined_at=when)
    backdate(JoinRequest.objects.filter(collaboration=collaboration), created_at=when)
    backdate(
        JoinRequest.objects.filter(collaboration=collaboration, decided_at__isnull=False),
        decided_at=when,
    )


STATUS_PLAN = (
    ["open"] * 14 + ["running"] * 12 + ["completed"] * 8 + ["archived"] * 3 + ["draft"] * 3
)


@transaction.atomic
def seed_collaborations(editions: dict) -> None:
    """About 40 collaborations in every status, led from both regions, with member schools,
    and join requests waiting for the demo teacher (a lead) and others. Each lead proposes
    through collaboration_propose, partners join through a join request the lead accepts, and
    the lead moves the status on (collaboration_set_status); the leads get the e-mails."""
    rng = random.Random(2019)  # noqa: S311 - the same demo every time, not security
    teachers = list(
        TeacherProfile.objects.verified()
        .select_related("school__country", "user")
        .order_by("user__email")
    )
    asia = [t for t in teachers if t.school.country.region == "asia"]
    europe = [t for t in teachers if t.school.country.region == "europe"]
    demo_teacher = next(t for t in teachers if t.user.email == "teacher@classnet.demo")
    subjects = {subject.name: subject for subject in Subject.objects.all()}
    english = Language.objects.get(code="en")
    today = timezone.localdate()
    # Created oldest-plan first, so that the open ones (listed first in PROJECTS) are newest.
    for index, (title, summary, subject_names, themes) in reversed(list(enumerate(PROJECTS))):
        if Collaboration.objects.filter(title=title).exists():
            continue
        status = STATUS_PLAN[index % len(STATUS_PLAN)]
        lead = demo_teacher if index == 1 else rng.choice(europe if index % 2 == 0 else asia)
        from_europe = lead.school.country.region == "europe"
        started_days_ago = {"open": -30, "draft": -60, "running": 60, "completed": 300}.get(
            status, 500
        )
        starts_on = today - timezone.timedelta(days=started_days_ago)
        youngest = rng.choice([12, 13, 14, 15])
        # Keyword arguments are evaluated in order: the draws stay those of the demo.
        collaboration = collaboration_propose(
            by=lead.user,
            title=title,
            summary=summary,
            description=(
                f"{summary}\n\nEach month the partner classes meet online for one lesson and "
                "share their work on a common board. Students work in mixed teams across "
                "countries; teachers plan together in a monthly call."
            ),
            subjects=[subjects[name] for name in subject_names],
            languages=[english],
            theme_names=themes,
            kind="exchange" if index % 9 == 4 else "online",
            student_age_min=youngest,
            student_age_max=youngest + 3,
            ict_tools=rng.choice(["Padlet, Zoom", "Google Classroom, Meet", "Teams, Miro"]),
            starts_on=starts_on,
            ends_on=starts_on + timezone.timedelta(days=rng.choice([120, 180, 240, 300])),
            partner_schools_wanted=rng.choice([2, 3, 4, 5]),
            wanted_region="asia" if from_europe else "europe",
            student_count=rng.randint(12, 30),
            publish=status != "draft",
            # The 14th's initiated collaborations are its own (seed_fourteenth_initiated).
            initiated_at=editions.get((None, 15, 16, None)[index % 4]),
        )
        partners = {
            "open": rng.choice([0, 0, 1]),
            "draft": 0,
        }.get(status, min(collaboration.partner_schools_wanted, rng.choice([2, 3, 4])))
        other_region = asia if from_europe else europe
        pool = [t for t in other_region + (europe if from_europe else asia) if t != lead]
        chosen = []
        for candidate in rng.sample(other_region, len(other_region)) + rng.sample(pool, len(pool)):
            if len(chosen) == partners:
                break
            if (
                candidate.school_id != lead.school_id
                and candidate not in chosen
                and all(c.school_id != candidate.school_id for c in chosen)
            ):
                chosen.append(candidate)
        # Open collaborations led from Europe wait for Asia: their partners come from Europe.
        if status == "open" and from_europe:
            chosen = [c for c in chosen if c.school.country.region == "europe"]
        for member in chosen:
            partner_join(
                collaboration=collaboration,
                lead=lead,
                teacher=member,
                student_count=rng.randint(10, 32),
            )
        collaboration = status_walk(collaboration=collaboration, by=lead.user, to=status)
        if status == "open" and index % 3 != 2:
            requester = next(
                t
                for t in rng.sample(other_region, len(other_region))
                if t.school_id not in {m.school_id for m in [lead, *chosen]}
            )
            join_request_create(
                collaboration=collaboration,
                by=requester.user,
                student_count=rng.randint(15, 28),
                message=(
                    f"Dear colleagues, my class in {requester.school.city} would love to join. "
                    "We can meet online on Tuesday and Thursday mornings."
                ),
            )


DIARY_LINES = [
    (
        "public",
        "Our first online meeting! Students introduced their towns with three photos each "
        "and were surprised how much they have in common.",
    ),
    (
        "members",
        "Reminder for teachers: next call on Thursday. Please upload your class's "
        "results to the shared board before then.",
    ),
    (
        "public",
        "This month's results are in. The charts from both regions are on our board; "
        "the students will present them at the end-of-term assembly.",
    ),
]


@transaction.atomic
def seed_diary() -> None:
    """A few diary posts in running and completed collaborations (text only)."""
    for collaboration in Collaboration.objects.filter(status__in=["running", "completed"]):
        if collaboration.posts.exists():
            continue
        members = list(collaboration.memberships.select_related("teacher__user"))
        for index, (visibility, text) in enumerate(DIARY_LINES):
            member = members[index % len(members)]
            diary_post_create(
                collaboration=collaboration,
                by=member.teacher.user,
                text=text,
                visibility=visibility,
            )


@transaction.atomic
def seed_fourteenth_initiated(editions: dict) -> None:
    """The 22 collaborations initiated at the 14th for 2019 by its participants: 11 led from
    Asia, 11 from Europe, each with partner schools of the other region (and of another
    country), run in 2019 and archived since. Made like seed_collaborations' (through the
    services), then dated back to the end of the 14th (demo.common.backdate)."""
    edition = editions[14]
    if Collaboration.objects.filter(title=FOURTEENTH_PROJECTS[0][0]).exists():
        return
    rng = random.Random(2018)  # noqa: S311 - the same demo every time, not security
    participants = [
        application.teacher
        for application in edition.applications.select_related("teacher__school__country")
        .filter(teacher__user__email__regex=r"^teacher[12]\.")
        .order_by("teacher__user__email")
    ]
    regions = {
        region: [t for t in participants if t.school.country.region == region]
        for region in ("asia", "europe")
    }
    subjects = {subject.name: subject for subject in Subject.objects.all()}
    english = Language.objects.get(code="en")
    initiated_on = datetime.datetime.combine(
        edition.ends_on, datetime.time(12), tzinfo=edition.zone
    )
    for index, (title, summary, subject_names, themes) in enumerate(FOURTEENTH_PROJECTS):
        home, away = ("asia", "europe") if index % 2 == 0 else ("europe", "asia")
        lead = regions[home][(index // 2) % len(regions[home])]
        partners = []
        for candidate in rng.sample(regions[away], len(regions[away])):
            if len(partners) == 1 + index % 3:
                break
            if all(candidate.school.country_id != p.school.country_id for p in partners):
                partners.append(candidate)
        starts_on = datetime.date(2019, 1 + index % 3, 7)
        youngest = rng.choice([12, 13, 14, 15])
        collaboration = collaboration_propose(
            by=lead.user,
            title=title,
            summary=summary,
            description=(
                f"{summary}\n\nInitiated at the 14th ClassNet Conference in Helsinki by teachers "
                "who met there; the partner classes worked together through 2019."
            ),
            subjects=[subjects[name] for name in subject_names],
            languages=[english],
            theme_names=themes,
            kind="online",
            student_age_min=youngest,
            student_age_max=youngest + 3,
            ict_tools=rng.choice(["Padlet, Zoom", "Google Classroom, Meet", "Teams, Miro"]),
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=rng.choice([150, 180, 240])),
            partner_schools_wanted=len(partners),
            wanted_region=away,
            student_count=rng.randint(12, 30),
            publish=True,
            initiated_at=edition,
        )
        for teacher in partners:
            partner_join(
                collaboration=collaboration,
                lead=lead,
                teacher=teacher,
                student_count=rng.randint(12, 30),
            )
        collaboration = status_walk(
            collaboration=collaboration, by=lead.user, to=Collaboration.Status.ARCHIVED
        )
        backdate_collaboration(collaboration, initiated_on)

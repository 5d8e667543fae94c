"""The 14th edition's published Awards."""

import datetime
import random

from django.utils.text import slugify

from awards.models import (
    Assignment,
    Award,
    AwardCycle,
    CycleJudge,
    Entry,
    Evidence,
    Score,
    Stage,
)
from collaborations.models import Collaboration
from collaborations.services.collaborations import collaboration_propose
from schools.models import Language
from teachers.models import Subject, User

from ..collaborations import backdate_collaboration, partner_join, status_walk
from ..common import backdate
from .common import at, award_teachers, rubric_create, statement_for, student_counts
from .data import AWARD_PROJECTS, CITATIONS, JUDGE_BIAS, TO_ENTRANT, TO_STAFF


def seed_fourteenth(edition, judges: list[User], staff: User | None) -> None:
    """The 14th's published Awards. Its teachers sign up and its collaborations are made
    through the services (award_teachers, collaboration_propose, partner_join, status_walk).

    demo-direct: the cycle, its rubric, stage, panel, entries, evidence, assignments, scores
    and awards are written as rows. Through the services this history would mean opening the
    cycle with a deadline in the future, entering, inviting and accepting judges, assigning
    each judge by hand, scoring 57 scorecards, closing the stage, choosing and publishing,
    then dating every row back to 2018: not done yet in issue 13 (see the report).
    """
    rng = random.Random(14)  # noqa: S311 - the same demo every time, not security
    zone = edition.zone
    cycle = AwardCycle.objects.create(
        edition=edition,
        introduction=(
            "Collaborations between classes in Asia and Europe, judged by five experts on "
            "intercultural understanding, teamwork, knowledge-sharing, the use of ICT and "
            "learning outcomes. Winners were announced at the 14th ClassNet Conference in "
            "Helsinki."
        ),
        status=AwardCycle.Status.PUBLISHED,
        entries_open_at=at(zone, 2018, 5, 2),
        entries_close_at=at(zone, 2018, 9, 14, 17),
        judges_per_entry=3,
        blind=True,
        tie_break=["median", "primary", "chair"],
        published_at=at(zone, 2018, 11, 29, 18),
        published_by=staff,
    )
    criteria = rubric_create(cycle)
    categories = list(cycle.categories.all())
    levels = {level.name: level for level in cycle.levels.all()}
    stage = Stage.objects.create(
        cycle=cycle,
        kind=Stage.Kind.FINAL,
        position=1,
        opens_at=at(zone, 2018, 9, 24),
        closes_at=at(zone, 2018, 11, 9, 17),
        status=Stage.Status.CLOSED,
    )
    panel = [
        CycleJudge.objects.create(
            cycle=cycle,
            user=user,
            status=CycleJudge.Status.ACTIVE,
            is_chair=index == 0,
            invited_by=staff,
            invited_at=at(zone, 2018, 9, 3),
            answered_at=at(zone, 2018, 9, 4 + index),
        )
        for index, user in enumerate(judges)
    ]

    teachers = award_teachers(rng)
    counts = student_counts(rng, len(teachers))
    subjects = {subject.name: subject for subject in Subject.objects.all()}
    english = Language.objects.get(code="en")
    groups = len(AWARD_PROJECTS)
    entries: list[tuple[Entry, float]] = []
    for index, (title, summary, subject_names, themes, category, quality) in enumerate(
        AWARD_PROJECTS
    ):
        # Teacher i takes part in collaboration i mod 19: 4 or 5 schools, both regions, and
        # teachers of the same school always in different collaborations.
        members = [(teachers[i], counts[i]) for i in range(index, len(teachers), groups)]
        lead = members[0][0]
        starts_on = datetime.date(2017, 9, 4) + datetime.timedelta(days=7 * (index % 6))
        youngest = rng.choice([12, 13, 14, 15])
        collaboration = collaboration_propose(
            by=lead.user,
            title=title,
            summary=summary,
            description=(
                f"{summary}\n\nThe partner classes met online every month and worked in "
                "mixed teams across countries; the teachers planned together in a monthly call."
            ),
            subjects=[subjects[name] for name in subject_names],
            languages=[english],
            theme_names=themes,
            kind=Collaboration.Kind.ONLINE,
            student_age_min=youngest,
            student_age_max=youngest + 3,
            ict_tools=rng.choice(["Padlet, Zoom", "Google Classroom, Meet", "Teams, Miro"]),
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=rng.choice([240, 270, 280])),
            partner_schools_wanted=len(members) - 1,
            wanted_region="europe" if lead.school.country.region == "asia" else "asia",
            student_count=members[0][1],
            publish=True,
        )
        for teacher, count in members[1:]:
            partner_join(
                collaboration=collaboration, lead=lead, teacher=teacher, student_count=count
            )
        collaboration = status_walk(
            collaboration=collaboration, by=lead.user, to=Collaboration.Status.COMPLETED
        )
        memberships = list(collaboration.memberships.select_related("school__country"))
        joined = at(zone, starts_on.year, starts_on.month, starts_on.day) - datetime.timedelta(
            days=30
        )
        backdate_collaboration(collaboration, joined)
        submitted_at = at(zone, 2018, 9, 1 + index % 13, 10 + index % 7)
        entry = Entry.objects.create(
            cycle=cycle,
            collaboration=collaboration,
            category=categories[category],
            submitted_by=lead,
            statement=statement_for(collaboration, memberships),
            student_count=sum(m.student_count for m in memberships),
            status=Entry.Status.SUBMITTED,
            submitted_at=submitted_at,
        )
        backdate(entry, created_at=submitted_at, updated_at=submitted_at)
        Evidence.objects.create(
            entry=entry,
            title="The students' shared board",
            url=f"https://{slugify(title)}.example/board",
        )
        entries.append((entry, quality))
    stage.entries.set([entry for entry, _quality in entries])

    # Three judges per entry, consecutive in the panel's order (Asia, Europe, Asia, Europe,
    # Asia): every entry has a judge from each region; loads 12, 12, 11, 11, 11.
    scores = []
    for index, (entry, quality) in enumerate(entries):
        for slot in range(3):
            number = (index * 3 + slot) % len(panel)
            position = index * 3 + slot
            submitted_at = stage.opens_at + datetime.timedelta(days=3 + position % 40, hours=slot)
            assignment = Assignment.objects.create(
                stage=stage,
                entry=entry,
                judge=panel[number],
                status=Assignment.Status.SUBMITTED,
                submitted_at=submitted_at,
                comment_to_entrant=TO_ENTRANT[position % len(TO_ENTRANT)]
                if position % 3 == 0
                else "",
                comment_to_staff=TO_STAFF[position % len(TO_STAFF)] if position % 8 == 0 else "",
            )
            for criterion in criteria:
                value = round(quality + JUDGE_BIAS[number] + rng.gauss(0, 0.45))
                scores.append(
                    Score(assignment=assignment, criterion=criterion, value=min(5, max(1, value)))
                )
    Score.objects.bulk_create(scores)
    backdate(Assignment.objects.filter(stage=stage), created_at=stage.opens_at)

    # The six best entries by quality won (their raw means are the six highest).
    ranked = sorted(entries, key=lambda pair: -pair[1])
    for place, (entry, _quality) in enumerate(ranked[:6]):
        Award.objects.create(
            cycle=cycle,
            entry=entry,
            level=levels["Gold" if place < 3 else "Merit"],
            citation=CITATIONS[entry.collaboration.title],
        )
    backdate(cycle.awards.all(), created_at=cycle.published_at)

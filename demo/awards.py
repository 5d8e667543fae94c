"""Demo data for the ClassNet Awards: the 14th edition's published Awards and the 17th's cycle
open for entries. Written as rows, like the conference history in seed.py: this is the past
(no e-mails, no services), and judges' scores are generated, the same every time.

The 14th edition's figures are exact and tested (tests/demo/test_awards_seed.py): 19 entries
from 57 schools in 26 countries, engaging 78 teachers and 1,110 students; 5 judges, 3 per
entry; 6 winners (3 Gold, 3 Merit).
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from awards.models import (
    Assignment,
    Award,
    AwardCategory,
    AwardCycle,
    AwardLevel,
    Conflict,
    Criterion,
    CycleJudge,
    Entry,
    Evidence,
    Score,
    Stage,
)
from collaborations.models import Collaboration, Membership
from collaborations.selectors import bi_regional
from collaborations.services import themes_from_names
from core.roles import JUDGES_GROUP
from schools.models import Country, Language, School
from teachers.models import Subject, TeacherProfile, User

from .common import DEMO_LOGINS, DEMO_PASSWORD, SCHOOL_PATTERNS, account_get_or_create
from .places import ASIAN_FAMILY, ASIAN_GIVEN, CITIES, EUROPEAN_FAMILY, EUROPEAN_GIVEN
from .projects import PROJECTS

# The 26 countries of the 14th edition's entries (none is a judge's country): 13 per region.
AWARD_COUNTRIES = {
    "asia": ["BD", "BN", "CN", "ID", "KH", "KR", "KZ", "MM", "MN", "MY", "PH", "SG", "TH"],
    "europe": ["AT", "BE", "CZ", "DE", "DK", "EE", "FR", "GB", "GR", "HU", "IE", "NL", "PL"],
}
# In these 5 countries the third teacher works at the third school; elsewhere at the first,
# beside teacher1: 21 x 2 + 5 x 3 = 57 schools for 78 teachers.
THREE_SCHOOL_COUNTRIES = {"CN", "KR", "SG", "GB", "NL"}
AWARD_STUDENTS = 1110

# email, full name, country: judge@classnet.demo (seed.py) chairs; the others are new.
JUDGES = [
    ("judge@classnet.demo", "Kenji Watanabe", "JP"),
    ("judge2@classnet.demo", "Elena Moreno", "ES"),
    ("judge3@classnet.demo", "Priya Raman", "IN"),
    ("judge4@classnet.demo", "Lars Nyberg", "SE"),
    ("judge5@classnet.demo", "Nguyen Thi Lan", "VN"),
]
# How each judge scores, on average, compared with the others: one harsh, one lenient.
JUDGE_BIAS = [0.0, 0.3, -0.5, 0.4, -0.2]

CATEGORIES = [
    (
        "Science, technology and the environment",
        "Collaborations in which students investigate, build or measure something together: "
        "STEM, the environment, health.",
    ),
    (
        "Culture, society and citizenship",
        "Collaborations about identity, heritage, languages, equality and taking part in society.",
    ),
]
# name, rank, winners per category (at most: published winners are decided by staff).
LEVELS = [("Gold", 1, 2), ("Merit", 2, 2)]

LEVEL_WORDS = [
    "No evidence of {x}.",
    "Some evidence of {x}, in one partner school or in one activity only.",
    "Clear evidence of {x} in most partner schools.",
    "Strong evidence of {x} in every partner school, throughout the collaboration.",
    "Exemplary {x}, shown in the students' own work and worth sharing with the network.",
]
# name, guidance for judges, what the descriptors are about; Learning outcomes is primary.
CRITERIA = [
    (
        "Intercultural understanding",
        "Did students learn about each other's cultures and question their own assumptions?",
        "students learning with and about each other's cultures",
    ),
    (
        "Teamwork",
        "Did students work in mixed teams across schools, and did the teachers plan together?",
        "students and teachers working as one team across borders",
    ),
    (
        "Knowledge-sharing",
        "Were results shared beyond the classrooms: with families, schools, the network?",
        "results shared beyond the partner classrooms",
    ),
    (
        "Use of ICT",
        "Were digital tools used purposefully, safely and accessibly for every school?",
        "digital tools used purposefully and accessibly",
    ),
    (
        "Learning outcomes",
        "What did students learn, and how does the entry show it (products, assessment)?",
        "learning shown in the students' work and assessment",
    ),
]

# title, summary, subjects, themes, category index, quality (how judges see it, 1 to 5).
# The six highest are the winners; the judges' scores are generated around the quality.
AWARD_PROJECTS = [
    (
        "Girls Who Code the Ocean",
        "Mixed teams analyse beach-litter data in Python and publish an open map of plastic.",
        ["Computer science and ICT", "Environmental science"],
        ["gender equality", "oceans"],
        0,
        4.7,
    ),
    (
        "Solar Cookers Challenge",
        "Classes design solar cookers from local materials and compare results by latitude.",
        ["Physics", "Design and technology"],
        ["energy", "climate"],
        0,
        3.8,
    ),
    (
        "Air We Share",
        "Students build air-quality sensors and compare a school year of readings.",
        ["Chemistry", "Computer science and ICT"],
        ["air quality", "robotics"],
        0,
        3.1,
    ),
    (
        "Mangroves and Marshes",
        "Coastal and inland classes study wetlands and write a shared field guide.",
        ["Biology", "Geography"],
        ["water", "biodiversity"],
        0,
        4.5,
    ),
    (
        "Seeds of Tomorrow",
        "A seed library of local crops, with germination experiments in every school.",
        ["Biology", "Environmental science"],
        ["food", "biodiversity"],
        0,
        2.8,
    ),
    (
        "Maths Behind the Music",
        "Ratios, rhythms and scales from each country's music, modelled and played online.",
        ["Mathematics", "Music"],
        ["music", "STEM"],
        0,
        3.0,
    ),
    (
        "Rain Gardens for Our Schools",
        "Students measure run-off, then plan and plant a rain garden in each school.",
        ["Environmental science", "Design and technology"],
        ["water", "climate"],
        0,
        2.6,
    ),
    (
        "Women Engineers Then and Now",
        "Interviews with women engineers of each country become a travelling exhibition.",
        ["STEM", "History"],
        ["gender equality", "careers"],
        0,
        3.3,
    ),
    (
        "Bridges of Paper and Code",
        "Teams design bridges in a simulator, then build and load-test paper models.",
        ["Physics", "Mathematics"],
        ["engineering"],
        0,
        2.4,
    ),
    (
        "Night Sky Observers",
        "Classes in both hemispheres observe the same sky events and compare notebooks.",
        ["Physics", "Geography"],
        ["astronomy"],
        0,
        2.9,
    ),
    (
        "Our Grandmothers' Jobs",
        "Students interview older women about their working lives and compare two centuries.",
        ["History", "Social studies"],
        ["gender equality", "heritage"],
        1,
        4.6,
    ),
    (
        "Street Art and Identity",
        "Murals in each school answer the partner classes' questions about who we are.",
        ["Arts", "Citizenship and civics"],
        ["art", "identity"],
        1,
        3.2,
    ),
    (
        "Youth Voices on Equality",
        "A student-led survey on equality at school, and a joint manifesto for school boards.",
        ["Citizenship and civics", "Social studies"],
        ["gender equality", "democracy"],
        1,
        3.9,
    ),
    (
        "Lullabies of the World",
        "Families record lullabies; students translate them and make a bilingual songbook.",
        ["Music", "Language and literature"],
        ["music", "heritage"],
        1,
        2.7,
    ),
    (
        "Sport Without Stereotypes",
        "Classes try each other's traditional games and question who plays which sport.",
        ["Physical education", "Health education"],
        ["gender equality", "sport"],
        1,
        3.7,
    ),
    (
        "Letters to 2030",
        "Students write letters to their future selves about the Sustainable Development Goals.",
        ["English", "Citizenship and civics"],
        ["SDGs"],
        1,
        2.5,
    ),
    (
        "Markets and Money Across Borders",
        "Price surveys in local markets turn into lessons on trade and fair wages.",
        ["Economics and business", "Mathematics"],
        ["economics"],
        1,
        3.0,
    ),
    (
        "Pen Pals of the Silk Road",
        "Letters, then video calls, between classes along the old trade routes.",
        ["Foreign languages", "History"],
        ["languages", "heritage"],
        1,
        2.8,
    ),
    (
        "Lanterns and Kites",
        "Students build each other's traditional lanterns and kites and tell their stories.",
        ["Arts", "Social studies"],
        ["heritage", "crafts"],
        1,
        2.6,
    ),
]

CITATIONS = {
    "Girls Who Code the Ocean": "For an open map of ocean plastic built by mixed teams of girls "
    "and boys, and for the confidence with code it gave every student.",
    "Our Grandmothers' Jobs": "For oral history of women's work that students, families and "
    "whole towns now read, and for questions asked with care.",
    "Mangroves and Marshes": "For a field guide written by students on two continents, with "
    "measurements that scientists asked to reuse.",
    "Youth Voices on Equality": "For a student-led survey and manifesto that four school boards "
    "answered in writing.",
    "Solar Cookers Challenge": "For careful experiments compared across latitudes, and for "
    "cookers now used at school fairs.",
    "Sport Without Stereotypes": "For games that crossed borders and for honest conversations "
    "about who plays which sport.",
}

TO_ENTRANT = [
    "A convincing collaboration: the students' own voices come through in the evidence.",
    "The mixed teams are a strength; say more next time about how you assessed learning.",
    "The shared products are excellent. Consider publishing them for other schools to reuse.",
    "Good use of simple tools that worked for every school, whatever its connection.",
    "We would have liked to hear more from the partner schools in the statement.",
    "A clear plan, well carried out; the reflection at the end is especially thoughtful.",
]
TO_STAFF = [
    "Strong entry; the evidence video is long but worth watching.",
    "One partner school seems to have joined late: the statement is not quite clear.",
    "Scored on the statement and two of the three links (one link did not open).",
]

# An entry whose main subject is one of these goes to the first category (science), the
# others to the second (culture).
SCIENCE_SUBJECTS = {
    "Biology",
    "Chemistry",
    "Computer science and ICT",
    "Design and technology",
    "Environmental science",
    "Geography",
    "Mathematics",
    "Physics",
    "STEM",
}

ARCTIC_TITLE = "Arctic and Monsoon Weather Diaries"


def _at(zone, year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=zone)


def _password_hash() -> str:
    """The demo password's hash, shared like seed_teachers shares it: taken from the demo
    teacher seed_people just wrote (a hash is slow on purpose; the seed needs none more)."""
    demo = User.objects.filter(email=DEMO_LOGINS[0].email).values_list("password", flat=True)
    return demo.first() or make_password(DEMO_PASSWORD)


def _demo_user(*, email: str, full_name: str, country: Country) -> User:
    existing = User.objects.filter(email=email).first()
    return existing or account_get_or_create(
        email=email, full_name=full_name, country=country, password_hash=_password_hash()
    )


def _teacher(*, email: str, school: School, rng: random.Random):
    """A verified demo teacher at the school (get or create)."""
    asian = school.country.region == "asia"
    given, family = (ASIAN_GIVEN, ASIAN_FAMILY) if asian else (EUROPEAN_GIVEN, EUROPEAN_FAMILY)
    first, last = rng.choice(given), rng.choice(family)
    user = _demo_user(
        email=email,
        full_name=f"{last} {first}" if asian else f"{first} {last}",
        country=school.country,
    )
    youngest = rng.choice([12, 13, 14, 15])
    profile, created = TeacherProfile.objects.get_or_create(
        user=user,
        defaults={
            "school": school,
            "verification": TeacherProfile.Verification.VERIFIED,
            "verified_at": timezone.now(),
            "student_age_min": youngest,
            "student_age_max": youngest + 4,
            "bio": f"I teach at {school.name} and have run collaborations with "
            f"{'Europe' if asian else 'Asia'} since 2017.",
        },
    )
    if created:
        profile.subjects.set(rng.sample(list(Subject.objects.order_by("name")), 2))
        code = school.country.code.code
        profile.languages.set(Language.objects.filter(code__in={"en", CITIES[code][2]}))
    return profile


def _schools(code: str) -> list[School]:
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


def _judges() -> list[User]:
    judges_group = Group.objects.get(name=JUDGES_GROUP)
    users = []
    for email, full_name, code in JUDGES:
        user = _demo_user(email=email, full_name=full_name, country=Country.objects.get(code=code))
        user.groups.add(judges_group)
        users.append(user)
    return users


def _rubric(cycle: AwardCycle) -> list[Criterion]:
    for position, (name, description) in enumerate(CATEGORIES):
        AwardCategory.objects.create(
            cycle=cycle, name=name, description=description, position=position
        )
    for name, rank, winners in LEVELS:
        AwardLevel.objects.create(cycle=cycle, name=name, rank=rank, winners=winners)
    return [
        Criterion.objects.create(
            cycle=cycle,
            name=name,
            guidance=guidance,
            weight=Decimal(1),
            scale_min=1,
            scale_max=5,
            descriptors={
                str(level + 1): words.format(x=about) for level, words in enumerate(LEVEL_WORDS)
            },
            is_primary=name == "Learning outcomes",
            position=position,
        )
        for position, (name, guidance, about) in enumerate(CRITERIA)
    ]


def _statement(collaboration: Collaboration, memberships: list[Membership]) -> str:
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


def _award_teachers(rng: random.Random) -> list[TeacherProfile]:
    """78 teachers in 26 countries, interleaved Asia, Europe, Asia…: teacher1 and teacher2
    of each country (seed.py) and a new teacher.award1.<cc>."""
    by_region = {}
    for region, codes in AWARD_COUNTRIES.items():
        people = []
        for code in codes:
            schools = _schools(code)
            for number in (1, 2):
                people.append(
                    TeacherProfile.objects.select_related("school__country").get(
                        user__email=f"teacher{number}.{code.lower()}@classnet.demo"
                    )
                )
            people.append(
                _teacher(
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


def _student_counts(rng: random.Random, n: int) -> list[int]:
    """n class sizes between 8 and 24 adding up to exactly AWARD_STUDENTS."""
    counts = [rng.randint(9, 20) for _ in range(n)]
    index = 0
    while (difference := AWARD_STUDENTS - sum(counts)) != 0:
        step = 1 if difference > 0 else -1
        if 8 <= counts[index] + step <= 24:
            counts[index] += step
        index = (index + 1) % n
    return counts


def _seed_fourteenth(edition, judges: list[User], staff: User | None) -> None:
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
        entries_open_at=_at(zone, 2018, 5, 2),
        entries_close_at=_at(zone, 2018, 9, 14, 17),
        judges_per_entry=3,
        blind=True,
        tie_break=["median", "primary", "chair"],
        published_at=_at(zone, 2018, 11, 29, 18),
        published_by=staff,
    )
    criteria = _rubric(cycle)
    categories = list(cycle.categories.all())
    levels = {level.name: level for level in cycle.levels.all()}
    stage = Stage.objects.create(
        cycle=cycle,
        kind=Stage.Kind.FINAL,
        position=1,
        opens_at=_at(zone, 2018, 9, 24),
        closes_at=_at(zone, 2018, 11, 9, 17),
        status=Stage.Status.CLOSED,
    )
    panel = [
        CycleJudge.objects.create(
            cycle=cycle,
            user=user,
            status=CycleJudge.Status.ACTIVE,
            is_chair=index == 0,
            invited_by=staff,
            invited_at=_at(zone, 2018, 9, 3),
            answered_at=_at(zone, 2018, 9, 4 + index),
        )
        for index, user in enumerate(judges)
    ]

    teachers = _award_teachers(rng)
    counts = _student_counts(rng, len(teachers))
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
        collaboration = Collaboration.objects.create(
            title=title,
            summary=summary,
            description=(
                f"{summary}\n\nThe partner classes met online every month and worked in "
                "mixed teams across countries; the teachers planned together in a monthly call."
            ),
            kind=Collaboration.Kind.ONLINE,
            student_age_min=youngest,
            student_age_max=youngest + 3,
            ict_tools=rng.choice(["Padlet, Zoom", "Google Classroom, Meet", "Teams, Miro"]),
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=rng.choice([240, 270, 280])),
            partner_schools_wanted=len(members) - 1,
            wanted_region="europe" if lead.school.country.region == "asia" else "asia",
            status=Collaboration.Status.COMPLETED,
            created_by=lead.user,
        )
        collaboration.subjects.set([subjects[name] for name in subject_names])
        collaboration.languages.set([english])
        collaboration.themes.set(themes_from_names(themes))
        memberships = [
            Membership.objects.create(
                collaboration=collaboration,
                school=teacher.school,
                teacher=teacher,
                role=Membership.Role.LEAD if teacher == lead else Membership.Role.MEMBER,
                student_count=count,
            )
            for teacher, count in members
        ]
        joined = _at(zone, starts_on.year, starts_on.month, starts_on.day) - datetime.timedelta(
            days=30
        )
        Collaboration.objects.filter(pk=collaboration.pk).update(
            created_at=joined, updated_at=joined
        )
        Membership.objects.filter(collaboration=collaboration).update(joined_at=joined)
        submitted_at = _at(zone, 2018, 9, 1 + index % 13, 10 + index % 7)
        entry = Entry.objects.create(
            cycle=cycle,
            collaboration=collaboration,
            category=categories[category],
            submitted_by=lead,
            statement=_statement(collaboration, memberships),
            student_count=sum(m.student_count for m in memberships),
            status=Entry.Status.SUBMITTED,
            submitted_at=submitted_at,
        )
        Entry.objects.filter(pk=entry.pk).update(created_at=submitted_at, updated_at=submitted_at)
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
    Assignment.objects.filter(stage=stage).update(created_at=stage.opens_at)

    # The six best entries by quality won (their raw means are the six highest).
    ranked = sorted(entries, key=lambda pair: -pair[1])
    for place, (entry, _quality) in enumerate(ranked[:6]):
        Award.objects.create(
            cycle=cycle,
            entry=entry,
            level=levels["Gold" if place < 3 else "Merit"],
            citation=CITATIONS[entry.collaboration.title],
        )
    cycle.awards.update(created_at=cycle.published_at)


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


def _seed_seventeenth(edition, judges: list[User], staff: User | None) -> None:
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
    _rubric(cycle)
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
            statement=_statement(collaboration, memberships),
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


def _seed_arctic(editions: dict) -> None:
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


@transaction.atomic
def seed_awards(editions: dict) -> None:
    """The 14th edition's published Awards and the 17th's cycle open for entries, with its
    judges ready; the demo teacher leads a collaboration she can enter. Idempotent."""
    judges = _judges()
    staff = User.objects.filter(email="staff@classnet.demo").first()
    _seed_arctic(editions)
    if not AwardCycle.objects.filter(edition=editions[14]).exists():
        _seed_fourteenth(editions[14], judges, staff)
    if not AwardCycle.objects.filter(edition=editions[17]).exists():
        _seed_seventeenth(editions[17], judges, staff)

"""Data and parsing helpers shared by the export tests."""

import csv
import io

from django.utils import timezone
from openpyxl import load_workbook

from awards.models import Score
from conferences.models import Application
from teachers.models import TeacherProfile, User

from ..factories import (
    AssignmentFactory,
    AwardCategoryFactory,
    AwardCycleFactory,
    CountryFactory,
    CriterionFactory,
    CycleJudgeFactory,
    EditionFactory,
    EntryFactory,
    SchoolFactory,
    StageFactory,
    TeacherProfileFactory,
    UserFactory,
)

FORMULA = '=HYPERLINK("http://evil.example","x")'


def parse(content: bytes, format: str) -> list[list]:
    """The export's rows (header first), as the file says them."""
    if format == "csv":
        assert content.startswith("\ufeff".encode())
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [["" if value is None else value for value in row] for row in sheet.values]


def as_exported(value: str, format: str) -> str:
    """Text that looks like a formula, as each format holds it: CSV neutralises it with a
    leading apostrophe; XLSX stores it as typed, in a string cell (see string_cells)."""
    return "'" + value if format == "csv" else value


def string_cells(content: bytes) -> set[str]:
    """The data types of every XLSX cell holding text: {"s"} when none is a formula."""
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return {cell.data_type for row in sheet for cell in row if isinstance(cell.value, str)}


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def application(edition, *, name, country="FI", kind="secondary", status="submitted"):
    user = UserFactory(full_name=name, country=CountryFactory(code=country))
    profile = TeacherProfileFactory(
        user=user, school=SchoolFactory(country=user.country, kind=kind)
    )
    return Application.objects.create(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation="Robotics",
        needs_dietary="Vegetarian",
        status=status,
    )


def many_applications(edition, count: int, *, status="submitted") -> list[Application]:
    school = SchoolFactory(country=CountryFactory(code="FI"))
    users = User.objects.bulk_create(
        User(email=f"bulk{n}@school.example", full_name=f"Teacher {n:03}") for n in range(count)
    )
    profiles = TeacherProfile.objects.bulk_create(
        TeacherProfile(
            user=user,
            school=school,
            verification=TeacherProfile.Verification.VERIFIED,
            student_age_min=14,
            student_age_max=18,
        )
        for user in users
    )
    return Application.objects.bulk_create(
        Application(edition=edition, teacher=p, school=school, motivation="Hi", status=status)
        for p in profiles
    )


def edition17():
    return EditionFactory(number=17, status="applications_open", capacity=100)


def pending_teacher(*, name, country="FI"):
    user = UserFactory(full_name=name, country=CountryFactory(code=country))
    return TeacherProfileFactory(
        user=user, school=SchoolFactory(country=user.country), pending=True
    )


def proposed_school(*, name, country="FI"):
    return SchoolFactory(
        name=name,
        country=CountryFactory(code=country),
        proposed=True,
        proposed_by=UserFactory(),
    )


def cycle14():
    return AwardCycleFactory(edition=EditionFactory(number=14))


def entry(cycle, *, title, status="submitted", category=None):
    made = EntryFactory(
        cycle=cycle, status=status, category=category or AwardCategoryFactory(cycle=cycle)
    )
    made.collaboration.title = title
    made.collaboration.save(update_fields=["title"])
    return made


def scored(stage, entry_, judges, criteria, value=4, submit=True):
    """Each judge scores the entry on each criterion."""
    for judge in judges:
        assignment = AssignmentFactory(stage=stage, entry=entry_, judge=judge)
        for criterion in criteria:
            Score.objects.create(assignment=assignment, criterion=criterion, value=value)
        assignment.status = "submitted" if submit else "draft"
        assignment.submitted_at = timezone.now() if submit else None
        assignment.save()


def scoring_setup(cycle, *, judges=2):
    stage = StageFactory(cycle=cycle, kind="shortlist")
    criteria = [
        CriterionFactory(cycle=cycle, name="Impact"),
        CriterionFactory(cycle=cycle, name="Reach"),
    ]
    people = [CycleJudgeFactory(cycle=cycle) for _ in range(judges)]
    return stage, criteria, people

"""Helpers of the tests of the staff's selection pages (conferences/views/selection.py):
applications to decide on, the pages' addresses, the statuses and messages they end with."""

from django.urls import reverse

from conferences.models import Application
from teachers.models import TeacherProfile, User

from ....factories import (
    CountryFactory,
    SchoolFactory,
    TeacherProfileFactory,
    UserFactory,
)

NOT_STAFF = ["teacher", "other_teacher", "unverified_teacher", "judge"]
CAPACITY_MESSAGE = "No places left: the edition&#x27;s 2 places are taken."


def application_for(edition, profile=None, *, country="FI", kind="secondary", status="submitted"):
    if profile is None:
        user = UserFactory(country=CountryFactory(code=country))
        profile = TeacherProfileFactory(
            user=user, school=SchoolFactory(country=user.country, kind=kind)
        )
    return Application.objects.create(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation="I teach robotics and want partners in Asia.",
        collaboration_plan="Rivers of two continents",
        needs_dietary="Vegetarian",
        status=status,
    )


def many_applications(edition, count: int, *, country="FI") -> list[Application]:
    """`count` submitted applications of verified teachers, made in bulk."""
    school = SchoolFactory(country=CountryFactory(code=country))
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
        Application(edition=edition, teacher=profile, school=school, motivation="Hello")
        for profile in profiles
    )


def list_url(edition, query=""):
    url = reverse("conferences_staff:applications", args=[edition.number])
    return f"{url}?{query}" if query else url


def bulk_url(edition):
    return reverse("conferences_staff:applications_bulk", args=[edition.number])


def detail_url(application):
    return reverse(
        "conferences_staff:application", args=[application.edition.number, application.pk]
    )


def statuses(*applications):
    return [Application.objects.get(pk=a.pk).status for a in applications]


def messages_of(response):
    return [str(m) for m in response.context["messages"]]

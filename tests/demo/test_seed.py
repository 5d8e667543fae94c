from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from collaborations.models import Collaboration, JoinRequest
from collaborations.selectors.collaborations import (
    CollaborationFilters,
    bi_regional,
    collaborations_for_browse,
)
from demo.common import DEMO_TOTP_SECRET
from demo.seed import DEMO_PASSWORD
from schools.models import Country, School
from teachers.models import TeacherProfile, User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_prints_the_logins(demo):
    out = demo.output  # of the package's second seed_demo
    assert "teacher@classnet.demo" in out
    assert "staff@classnet.demo" in out
    assert "judge@classnet.demo" in out
    assert User.objects.count() == 141  # with the Awards' 26 teachers and 4 judges
    assert Country.objects.count() == 51
    assert Country.objects.filter(region="europe").count() == 30
    # Every country has verified schools and verified teachers; staff have queues to work.
    assert Country.objects.filter(schools__status="verified").distinct().count() == 51
    assert (
        Country.objects.filter(schools__teachers__verification="verified").distinct().count() == 51
    )
    assert School.objects.filter(status="proposed").count() == 2
    assert TeacherProfile.objects.filter(verification="pending").count() == 6
    # Collaborations in every status, some open ones led from Europe still waiting for Asia.
    statuses = set(Collaboration.objects.values_list("status", flat=True))
    assert statuses == {"draft", "open", "running", "completed", "archived"}
    # 40, the 14th Awards' 19, one to enter, the 22 initiated at the 14th for 2019
    assert Collaboration.objects.count() == 82
    assert JoinRequest.objects.filter(status="pending").exists()
    waiting_for_asia = [
        c
        for c in collaborations_for_browse(filters=CollaborationFilters(status="open"))
        if c.wanted_region == "asia" and not bi_regional(c).ok
    ]
    assert waiting_for_asia
    # The demo teacher (Finland) leads an open collaboration that an Asian school asks to join.
    led = Collaboration.objects.get(
        title="Code a Climate Sensor",
        memberships__teacher__user__email="teacher@classnet.demo",
        memberships__role="lead",
    )
    assert (led.status, led.wanted_region) == ("open", "asia")
    assert {r.school.country.region for r in led.join_requests.all()} == {"asia"}
    assert Collaboration.objects.filter(initiated_at__number=14).exists()
    running = Collaboration.objects.filter(status="running").first()
    assert set(running.posts.values_list("visibility", flat=True)) == {"public", "members"}


@pytest.mark.parametrize(
    ("email", "permission"),
    [
        ("teacher@classnet.demo", "teachers.act_as_teacher"),
        ("staff@classnet.demo", "teachers.access_staff_area"),
        ("judge@classnet.demo", "teachers.access_judging"),
    ],
)
def test_demo_logins_work_and_hold_their_role(client, email, permission):

    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})

    assert response.status_code == 302
    if email != "teacher@classnet.demo":
        # Staff and judges have the demo's authenticator app (README): the code comes next.
        assert response.url == reverse("mfa_authenticate")
        out = StringIO()
        call_command("demo_totp", stdout=out)
        response = client.post(reverse("mfa_authenticate"), {"code": out.getvalue().strip()})
    assert response.url == reverse("teachers:dashboard")
    assert User.objects.get(email=email).has_perm(permission)


def test_demo_conferences_are_ready_for_the_selection_walkthrough():
    from conferences.models import Application, CheckIn, Edition
    from conferences.selectors.places import places_left

    coming = Edition.objects.get(number=17)
    assert coming.accepts_applications
    counts = dict(
        coming.applications.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    assert counts == {"approved": 92, "waitlisted": 2, "submitted": 8}
    assert places_left(edition=coming) == 8
    # The README's walkthrough withdraws this participant.
    assert coming.applications.get(teacher__user__email="teacher1.at@classnet.demo").status == (
        "approved"
    )
    # The demo teacher has not applied to the coming edition, and took part in the 16th.
    demo = Application.objects.filter(teacher__user__email="teacher@classnet.demo")
    assert list(demo.values_list("edition__number", "status")) == [(16, "attended")]
    assert CheckIn.objects.filter(application__in=demo).count() == 5
    for number, attended in ((14, 98), (15, 72), (16, 65)):
        assert (
            Edition.objects.get(number=number).applications.filter(status="attended").count()
            == attended
        )
    # Workshops of the coming edition: one full, the others filling up.
    signups = dict(
        coming.sessions.filter(capacity__isnull=False)
        .annotate(n=Count("signups"))
        .values_list("title", "n")
    )
    assert signups == {
        "Workshop: assessment across languages": 20,
        "Workshop: project-based learning": 12,
        "Workshop: planning your collaboration": 19,
    }


def readme_logins() -> list[tuple[str, str, str]]:
    """(role, e-mail, what the README says of them) from the README's table of demo logins."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    table = text.split("| role ", 1)[1].split("\n\n", 1)[0].splitlines()[2:]
    return [
        tuple(cell.strip().strip("`") for cell in line.strip().strip("|").split("|"))
        for line in table
    ]


def _leads_from(user, region: str, title: str) -> bool:
    from collaborations.models import Membership

    return Membership.objects.filter(
        teacher__user=user,
        role=Membership.Role.LEAD,
        school__country__region=region,
        collaboration__title=title,
    ).exists()


def _holds_a_place_at_the_17th(user, _says) -> bool:
    from conferences.models import Application

    return Application.objects.filter(
        teacher__user=user, edition__number=17, status="approved"
    ).exists()


def _declared_a_conflict(user, says: str) -> bool:
    from awards.models import Conflict

    title = says.split("*")[1]
    return Conflict.objects.filter(
        judge__user=user, source="declared", entry__collaboration__title=title
    ).exists()


# What each role the README names must hold in the demo: a permission and, where the README
# says more, the data behind it.
ROLE_CHECKS = {
    "teacher, lead from Europe": (
        "teachers.act_as_teacher",
        lambda user, says: _leads_from(user, "europe", says.split("*")[1]),
    ),
    "lead from Asia": (
        "teachers.act_as_teacher",
        lambda user, says: _leads_from(user, "asia", says.split("*")[1]),
    ),
    "participant": ("teachers.act_as_teacher", _holds_a_place_at_the_17th),
    "staff": ("teachers.access_staff_area", lambda user, says: True),
    "judge": ("teachers.access_judging", lambda user, says: True),
    "judge with a conflict": ("teachers.access_judging", _declared_a_conflict),
}


def test_every_login_the_readme_lists_exists_with_its_password_and_role(client):
    logins = readme_logins()
    # A walkthrough needs a lead from each region, a participant and a judge with a conflict.
    assert {role for role, _email, _says in logins} == set(ROLE_CHECKS)
    for role, email, says in logins:
        assert client.login(email=email, password=DEMO_PASSWORD), email
        client.logout()
        user = User.objects.get(email=email)
        permission, holds = ROLE_CHECKS[role]
        assert user.has_perm(permission), (role, email)
        assert holds(user, says), (role, email, says)


def test_demo_staff_and_judges_sign_in_with_the_published_second_factor(client, demo):
    with_totp = set(Authenticator.objects.filter(type="totp").values_list("user__email", flat=True))
    assert {"staff@classnet.demo", "judge@classnet.demo", "judge2@classnet.demo"} <= with_totp
    assert "teacher@classnet.demo" not in with_totp
    assert DEMO_TOTP_SECRET in demo.output
    out = StringIO()
    call_command("demo_totp", stdout=out)
    code = out.getvalue().strip()
    assert validate_totp_code(DEMO_TOTP_SECRET, code)

    client.post(
        reverse("account_login"), {"login": "staff@classnet.demo", "password": DEMO_PASSWORD}
    )
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200

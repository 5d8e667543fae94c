"""The staff area's home (/staff/) lists every section staff run, with a one-line description,
a link and what waits in each, at a fixed number of queries; My ClassNet's staff panel lists
the same sections; the menu says "Staff area"; the back office only for what has no page."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.models import Application
from core.audit.services import audit_record
from core.outbox.models import OutgoingEmail
from reports.models import ReportRun
from teachers.staff_sections import staff_sections

from ..factories import (
    AssignmentFactory,
    EditionFactory,
    SchoolFactory,
    StageFactory,
    SurveyFactory,
    TeacherProfileFactory,
)
from ..gallery import edition_album, video_item

pytestmark = pytest.mark.django_db

SECTIONS = [
    "people",
    "conferences",
    "awards",
    "surveys",
    "reports",
    "gallery",
    "emails",
    "back_office",
]
PAGES = {
    "people": "staff:teacher_queue",
    "conferences": "conferences_staff:editions",
    "awards": "awards_staff:cycles",
    "surveys": "surveys_staff:surveys",
    "reports": "reports:runs",
    "gallery": "gallery:staff_items",
    "emails": "emails:list",
    "back_office": "admin:index",
}


def waiting_of_every_kind(n: int, staff) -> None:
    """n of each thing that waits for staff, and one of each that does not."""
    edition = EditionFactory(number=17, status="applications_open")
    stage = StageFactory(status="open")
    album = edition_album()
    for _ in range(n):
        audit_record(
            actor=staff, action="teacher.edited", target=TeacherProfileFactory(pending=True)
        )
        audit_record(actor=staff, action="school.edited", target=SchoolFactory(proposed=True))
        Application.objects.create(
            edition=edition, teacher=(t := TeacherProfileFactory()), school=t.school, motivation="x"
        )
        AssignmentFactory(stage=stage)
        SurveyFactory(status="open")
        ReportRun.objects.create(
            kind="edition", title="Report", requested_by=staff, status="failed"
        )
        video_item(album, hidden=True)
        OutgoingEmail.objects.create(
            message_id=f"<{uuid.uuid4()}@x>", from_email="f@x.org", to=["t@x.org"], status="failed"
        )
    # Not waiting: a verified teacher, an approved application, a submitted scorecard, a draft
    # survey, a report done, a shown item, an e-mail sent.
    TeacherProfileFactory()
    Application.objects.create(
        edition=edition,
        teacher=(t := TeacherProfileFactory()),
        school=t.school,
        motivation="x",
        status="approved",
    )
    AssignmentFactory(stage=stage, status="submitted", submitted_at=timezone.now())
    SurveyFactory(status="draft")
    ReportRun.objects.create(kind="edition", title="Report", requested_by=staff, status="done")
    video_item(album)
    OutgoingEmail.objects.create(
        message_id="<sent@x>",
        from_email="f@x.org",
        to=["t@x.org"],
        status="sent",
        sent_at=timezone.now(),
    )


def test_the_sections_are_every_part_staff_run_in_order():
    assert [item["section"].name for item in staff_sections(counts=False)] == SECTIONS
    assert [item["url"] for item in staff_sections(counts=False)] == [
        reverse(PAGES[name]) for name in SECTIONS
    ]


@pytest.mark.parametrize("rows", [1, 4])
def test_staff_home_counts_what_waits_in_each_section_at_fixed_cost(
    client, staff, rows, django_assert_num_queries
):
    waiting_of_every_kind(rows, staff)
    client.force_login(staff)

    # session, user, groups; 8 counts (teachers, schools, applications, scorecards, surveys,
    # reports, gallery items, e-mails); activity, its teachers, its schools; the menu's teacher
    # profile and the back-office permissions (user's, groups')
    with django_assert_num_queries(17):
        response = client.get(reverse("staff:index"))

    counts = {w["key"]: w["count"] for s in response.context["sections"] for w in s["waiting"]}
    assert counts == {
        "teachers": rows,
        "schools": rows,
        "applications": rows,
        "scorecards": rows,
        "surveys": rows,
        "reports": rows,
        "gallery": rows,
        "emails": rows,
    }
    body = response.content.decode()
    for key in counts:
        assert f'data-testid="{key}-waiting">{rows}</span>' in body
    for name in SECTIONS:
        assert f'data-testid="section-{name}"' in body
        assert f'href="{reverse(PAGES[name])}"' in body
    assert "applications to decide" in body
    # The back office is for what has no page of ours: the outbox's failures are linked there.
    failed = reverse("admin:outbox_outgoingemail_changelist") + "?status__exact=failed"
    assert f'<a href="{failed}">e-mails that failed</a>' in body


def test_staff_home_with_nothing_waiting_says_zero_without_links(client, staff):
    client.force_login(staff)

    body = client.get(reverse("staff:index")).content.decode()

    assert '<h1 class="h2 mb-1 text-break">Staff area</h1>' in body
    assert 'data-testid="applications-waiting">0</span>' in body
    assert '<span class="text-secondary">applications to decide</span>' in body


@pytest.mark.parametrize("role", ["teacher", "other_teacher", "unverified_teacher", "judge"])
def test_staff_home_is_refused_to_everyone_but_staff(client, request, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get(reverse("staff:index")).status_code == 403


def test_staff_home_sends_visitors_to_log_in(client):
    response = client.get(reverse("staff:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_my_classnet_staff_panel_lists_the_sections(client, staff, django_assert_num_queries):
    client.force_login(staff)

    body = client.get(reverse("teachers:dashboard")).content.decode()

    panel = body.split('data-testid="staff-panel"', 1)[1].split("</section>", 1)[0]
    for name, title in [
        ("people", "People and schools"),
        ("conferences", "Conferences"),
        ("awards", "Awards"),
        ("surveys", "Surveys"),
        ("reports", "Reports"),
        ("gallery", "Gallery"),
    ]:
        assert f'<a class="fw-semibold" href="{reverse(PAGES[name])}">{title}</a>' in panel
    assert f'href="{reverse("staff:index")}">Open the staff area</a>' in panel
    assert "Open the back office" in panel
    assert "For what has no page in the staff area: the outgoing e-mail" in panel
    assert "manage people, editions and the outgoing email from the back office" not in body


@pytest.mark.parametrize("role", ["teacher", "judge"])
def test_my_classnet_of_others_has_no_staff_panel(client, request, role):
    client.force_login(request.getfixturevalue(role))

    body = client.get(reverse("teachers:dashboard")).content.decode()

    assert 'data-testid="staff-panel"' not in body
    assert reverse("staff:index") not in body


@pytest.mark.parametrize(("role", "sees"), [("staff", True), ("teacher", False), ("judge", False)])
def test_the_menu_item_is_called_staff_area(client, request, role, sees):
    client.force_login(request.getfixturevalue(role))

    body = client.get(reverse("home")).content.decode()

    item = f'<a class="dropdown-item" href="{reverse("staff:index")}">Staff area</a>'
    assert (item in body) is sees
    assert "Verification queues" not in body

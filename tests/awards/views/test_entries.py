"""The entries' pages: enter (choose, refuse with reasons, draft, submit), the entry page,
edit and evidence, withdraw; the staff list with its filters, flags, disqualification and
pinned query counts; every page for every role."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import Entry, Evidence
from collaborations.models import Membership
from core.audit.models import AuditEntry
from tests.awards.services.test_entries import (
    PDF,
    close,
    collaboration_led_by,
    draft_of,
    open_cycle,
)
from tests.browser.support_journey import phone_photo
from tests.factories import (
    AwardCycleFactory,
    CycleJudgeFactory,
    EditionFactory,
    EntryFactory,
    MembershipFactory,
    StageFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def enter_url(cycle, collaboration=None):
    url = reverse("awards:entry_create", args=[cycle.edition.number])
    return f"{url}?collaboration={collaboration.pk}" if collaboration else url


def entry_url(entry):
    return reverse("awards:entry", args=[entry.pk])


def edit_url(entry):
    return reverse("awards:entry_edit", args=[entry.pk])


def withdraw_url(entry):
    return reverse("awards:entry_withdraw", args=[entry.pk])


def staff_url(cycle):
    return reverse("awards_staff:entries", args=[cycle.edition.number])


def form_data(cycle, collaboration=None, action="save", **overrides):
    data = {
        "category": cycle.categories.get().pk,
        "statement": "Our classes compared their rivers.",
        "student_count": 55,
        "action": action,
    }
    if collaboration is not None:
        data["collaboration"] = collaboration.pk
    return {**data, **overrides}


# --- anonymous -----------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in_everywhere(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)

    for url, method in [
        (enter_url(cycle), client.get),
        (entry_url(entry), client.get),
        (edit_url(entry), client.get),
        (withdraw_url(entry), client.post),
        (staff_url(cycle), client.get),
    ]:
        response = method(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT


# --- enter ---------------------------------------------------------------------------------------


def test_enter_page_lists_led_collaborations_with_eligibility(client, teacher):
    cycle = open_cycle()
    good = collaboration_led_by(teacher)
    europe_only = collaboration_led_by(teacher, with_asia=False)
    client.force_login(teacher)

    response = client.get(enter_url(cycle))

    body = response.content.decode()
    assert response.status_code == 200
    assert [c.collaboration for c in response.context["choices"]] == [europe_only, good]
    assert f'href="?collaboration={good.pk}"' in body
    assert f'href="?collaboration={europe_only.pk}"' not in body
    assert "Invite a partner school from Asia first." in body


def test_enter_page_without_led_collaborations_guides(client, teacher):
    cycle = open_cycle()
    client.force_login(teacher)

    response = client.get(enter_url(cycle))

    assert "You do not lead a collaboration yet" in response.content.decode()


def test_enter_form_prefills_the_students_of_all_schools(client, teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)  # lead 20 + member 30
    client.force_login(teacher)

    response = client.get(enter_url(cycle, collaboration))

    assert response.context["form"].initial["student_count"] == 50
    assert "never the names of students" in response.content.decode()


@pytest.mark.parametrize("blind", [True, False])
def test_enter_form_warns_not_to_name_schools_or_places_in_blind_judging(client, teacher, blind):
    cycle = open_cycle()
    cycle.blind = blind
    cycle.save()
    collaboration = collaboration_led_by(teacher)
    client.force_login(teacher)

    body = client.get(enter_url(cycle, collaboration)).content.decode()

    warning = "Do not name your schools, teachers, towns or cities in it"
    assert (warning in body) is blind
    assert ('data-testid="blind-warning"' in body) is blind


def test_save_draft_then_land_on_edit_to_add_evidence(client, teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    client.force_login(teacher)

    response = client.post(enter_url(cycle), form_data(cycle, collaboration))

    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response.url == edit_url(entry)
    assert (entry.status, entry.student_count, entry.collaboration) == ("draft", 55, collaboration)


def test_submit_from_the_enter_page_sends_the_email(
    client, teacher, django_capture_on_commit_callbacks
):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    client.force_login(teacher)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(enter_url(cycle), form_data(cycle, collaboration, action="submit"))

    assert Entry.objects.get().status == Entry.Status.SUBMITTED
    assert len(mail.outbox) == 1


def test_submit_without_statement_shows_the_error(client, teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    client.force_login(teacher)

    response = client.post(
        enter_url(cycle), form_data(cycle, collaboration, action="submit", statement="")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["statement"] == [
        "Write your statement before you submit: it is what the judges read first."
    ]
    assert Entry.objects.count() == 0


@pytest.mark.parametrize("count", ["0", "100001", "many"])
def test_bad_student_count_shows_the_error(client, teacher, count):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    client.force_login(teacher)

    response = client.post(enter_url(cycle), form_data(cycle, collaboration, student_count=count))

    assert response.status_code == 200
    assert "student_count" in response.context["form"].errors
    assert Entry.objects.count() == 0


def test_non_lead_entering_is_refused_with_the_reason(client, teacher, other_teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    MembershipFactory(collaboration=collaboration, teacher=other_teacher.teacher_profile)
    client.force_login(other_teacher)

    shown = client.get(enter_url(cycle, collaboration))
    posted = client.post(enter_url(cycle), form_data(cycle, collaboration))

    assert "Only the lead teacher of a collaboration can enter it." in shown.content.decode()
    assert "form" not in shown.context
    assert posted.status_code == 403
    assert Entry.objects.count() == 0


def test_ineligible_collaboration_is_refused_on_post(client, teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher, status="open")
    client.force_login(teacher)

    response = client.post(enter_url(cycle), form_data(cycle, collaboration))

    assert response.status_code == 403
    assert "only running or completed collaborations can enter" in response.content.decode()
    assert Entry.objects.count() == 0


def test_enter_a_closed_cycle_says_so(client, teacher):
    cycle = open_cycle()
    close(cycle)
    collaboration = collaboration_led_by(teacher)
    client.force_login(teacher)

    shown = client.get(enter_url(cycle))
    posted = client.post(enter_url(cycle), form_data(cycle, collaboration))

    assert "This cycle is not accepting entries now." in shown.content.decode()
    assert posted.status_code == 403
    assert Entry.objects.count() == 0


def test_draft_cycle_is_404_for_teachers(client, teacher):
    cycle = AwardCycleFactory(edition=EditionFactory(number=60), status="draft")
    client.force_login(teacher)

    assert client.get(enter_url(cycle)).status_code == 404


@pytest.mark.parametrize("who", ["staff", "judge"])
def test_people_without_teacher_profile_cannot_enter(client, request, who):
    cycle = open_cycle()
    client.force_login(request.getfixturevalue(who))

    response = client.get(enter_url(cycle))

    assert response.status_code == 403
    assert "Who can enter" in response.content.decode()


def test_enter_with_unknown_collaboration_is_404(client, teacher):
    cycle = open_cycle()
    client.force_login(teacher)

    assert client.get(enter_url(cycle) + "?collaboration=999999").status_code == 404
    assert client.get(enter_url(cycle) + "?collaboration=x").status_code == 404


# --- the entry page: who sees it ---------------------------------------------------------------


def test_entry_page_for_the_lead_shows_status_and_next_steps(client, teacher):
    cycle = open_cycle()
    StageFactory(cycle=cycle, kind="shortlist", status="pending")
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(teacher)

    response = client.get(entry_url(entry))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Your entry is in." in body
    assert "What happens next" in body
    assert edit_url(entry) in body
    assert withdraw_url(entry) in body


@pytest.mark.parametrize("who", ["other_teacher", "judge", "unverified_teacher"])
def test_entry_page_is_404_for_others(client, request, teacher, who):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(request.getfixturevalue(who))

    assert client.get(entry_url(entry)).status_code == 404
    assert client.get(edit_url(entry)).status_code == 404
    assert client.post(withdraw_url(entry)).status_code == 404
    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED


def test_entry_page_is_404_for_a_partner_and_an_assigned_judge(client, teacher, other_teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    MembershipFactory(collaboration=collaboration, teacher=other_teacher.teacher_profile)
    entry = draft_of(cycle, teacher, collaboration, submit=True)
    judge = CycleJudgeFactory(cycle=cycle).user

    for user in (other_teacher, judge):
        client.force_login(user)
        assert client.get(entry_url(entry)).status_code == 404


def test_staff_see_the_entry_read_only(client, teacher, staff):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(staff)

    response = client.get(entry_url(entry))
    edit = client.get(edit_url(entry))

    assert response.status_code == 200
    assert response.context["can_change"] is False
    assert "lead teacher can change it, until the deadline" in response.content.decode()
    assert "Withdraw the entry" not in response.content.decode()
    assert edit.status_code == 302
    assert edit.url == entry_url(entry)


def test_new_lead_sees_and_may_change_the_entry(client, teacher, other_teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    entry = draft_of(cycle, teacher, collaboration, submit=True)
    Membership.objects.filter(collaboration=collaboration, role="lead").update(role="member")
    MembershipFactory(
        collaboration=collaboration,
        teacher=other_teacher.teacher_profile,
        school=other_teacher.teacher_profile.school,
        role="lead",
    )

    client.force_login(other_teacher)
    response = client.get(entry_url(entry))
    client.force_login(teacher)
    former = client.get(entry_url(entry))

    assert response.context["can_change"] is True
    assert former.status_code == 200
    assert former.context["can_change"] is False


def test_published_entry_links_to_the_feedback(client, teacher):
    entry = EntryFactory(
        submitted_by=teacher.teacher_profile,
        collaboration=collaboration_led_by(teacher),
        cycle=AwardCycleFactory(edition=EditionFactory(number=61), status="published"),
    )
    client.force_login(teacher)

    response = client.get(entry_url(entry))

    assert reverse("awards:entry_feedback", args=[entry.pk]) in response.content.decode()


# --- edit, evidence, withdraw --------------------------------------------------------------------


def test_edit_saves_changes(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(teacher)

    response = client.post(edit_url(entry), form_data(cycle, statement="New words"))

    entry.refresh_from_db()
    assert response.url == entry_url(entry)
    assert entry.statement == "New words"


def test_edit_submits_a_draft(client, teacher, django_capture_on_commit_callbacks):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    client.force_login(teacher)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(entry), form_data(cycle, action="submit"))

    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED
    assert len(mail.outbox) == 1


def test_edit_after_the_deadline_is_read_only_and_nothing_changes(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    close(cycle)
    client.force_login(teacher)

    shown = client.get(edit_url(entry), follow=True)
    posted = client.post(edit_url(entry), form_data(cycle, statement="Too late"))

    assert "Entries are closed: your entry can no longer be changed." in shown.content.decode()
    assert "Withdraw the entry" not in shown.content.decode()
    assert posted.url == entry_url(entry)
    entry.refresh_from_db()
    assert entry.statement == "We built weather stations together."


def test_add_a_link_and_a_pdf_then_remove(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    client.force_login(teacher)

    client.post(
        edit_url(entry),
        {"action": "evidence_add", "title": "Site", "url": "https://rivers.example/"},
    )
    client.post(
        edit_url(entry),
        {
            "action": "evidence_add",
            "title": "Report",
            "file": SimpleUploadedFile("r.pdf", PDF, "application/pdf"),
        },
    )
    link, report = entry.evidence.all()
    client.post(edit_url(entry), {"action": "evidence_remove", "evidence": link.pk})

    assert report.file.name.endswith(".pdf")
    assert list(entry.evidence.all()) == [report]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"url": "ftp://files.example/x"}, "Enter a valid URL."),
        ({}, "Give a link or choose a file."),
        (
            {"file": SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>")},
            "This file is not a PDF or a picture we can read",
        ),
    ],
)
def test_bad_evidence_shows_the_error(client, teacher, data, message):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    client.force_login(teacher)

    response = client.post(edit_url(entry), {"action": "evidence_add", "title": "X", **data})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Evidence.objects.count() == 0


def test_uploaded_photo_loses_its_gps(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    client.force_login(teacher)

    client.post(
        edit_url(entry),
        {
            "action": "evidence_add",
            "title": "Fair",
            "file": SimpleUploadedFile("IMG.jpg", phone_photo(), "image/jpeg"),
        },
    )

    with entry.evidence.get().file.open("rb") as stored:
        assert b"WGS-84" not in stored.read()


def test_removing_evidence_of_another_entry_is_404(client, teacher, other_teacher):
    cycle = open_cycle()
    mine = draft_of(cycle, teacher)
    theirs = draft_of(cycle, other_teacher)
    item = Evidence.objects.create(entry=theirs, title="Theirs", url="https://e.org/")
    client.force_login(teacher)

    response = client.post(edit_url(mine), {"action": "evidence_remove", "evidence": item.pk})

    assert response.status_code == 404
    assert Evidence.objects.filter(pk=item.pk).exists()


def test_withdraw(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(teacher)

    response = client.post(withdraw_url(entry), follow=True)

    entry.refresh_from_db()
    assert entry.status == Entry.Status.WITHDRAWN
    assert "Enter the collaboration again" in response.content.decode()


def test_withdraw_after_the_deadline_is_refused(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    close(cycle)
    client.force_login(teacher)

    response = client.post(withdraw_url(entry), follow=True)

    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED
    assert "closed on" in response.content.decode()


def test_withdraw_by_get_is_not_allowed(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(teacher)

    assert client.get(withdraw_url(entry)).status_code == 405
    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED


# --- staff list ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["teacher", "other_teacher", "judge"])
def test_staff_list_is_403_for_others(client, request, who):
    cycle = open_cycle()
    client.force_login(request.getfixturevalue(who))

    assert client.get(staff_url(cycle)).status_code == 403


def test_staff_list_shows_entries_countries_and_flags(client, staff, teacher, other_teacher):
    cycle = open_cycle()
    sound = draft_of(cycle, teacher, submit=True)
    lost_partner = collaboration_led_by(other_teacher)
    flagged = draft_of(cycle, other_teacher, lost_partner, submit=True)
    lost_partner.memberships.exclude(role="lead").delete()
    client.force_login(staff)

    response = client.get(staff_url(cycle))

    rows = {row.pk: row for row in response.context["rows"]}
    assert set(rows) == {sound.pk, flagged.pk}
    assert [c.code for c in rows[sound.pk].countries] == ["JP", "FI"]
    assert rows[sound.pk].recheck == []
    assert "Invite a partner school from Asia first." in rows[flagged.pk].recheck[0]
    assert 'data-testid="recheck"' in response.content.decode()


def test_staff_list_filters_by_status_and_category(client, staff, teacher, other_teacher):
    cycle = open_cycle()
    submitted = draft_of(cycle, teacher, submit=True)
    draft_of(cycle, other_teacher)
    client.force_login(staff)

    by_status = client.get(staff_url(cycle), {"status": "submitted"})
    by_category = client.get(staff_url(cycle), {"category": cycle.categories.get().pk})

    assert [row.pk for row in by_status.context["rows"]] == [submitted.pk]
    assert len(by_category.context["rows"]) == 2


def test_staff_list_empty_state(client, staff):
    cycle = open_cycle()
    client.force_login(staff)

    assert "No entries yet" in client.get(staff_url(cycle)).content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_staff_list_runs_a_fixed_number_of_queries(client, staff, count, django_assert_num_queries):
    cycle = open_cycle()
    category = cycle.categories.get()
    for _ in range(count):
        lead = TeacherProfileFactory()
        EntryFactory(
            cycle=cycle,
            category=category,
            submitted_by=lead,
            collaboration=collaboration_led_by(lead.user),
        )
    client.force_login(staff)

    # session, user, staff check, cycle, categories (filter), page count, page rows,
    # memberships, 2 totals, the navbar's profile and permissions (3)
    with django_assert_num_queries(13):
        response = client.get(staff_url(cycle))

    assert len(response.context["rows"]) == count


def test_staff_disqualify_with_reason(client, staff, teacher, django_capture_on_commit_callbacks):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    mail.outbox.clear()
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            staff_url(cycle) + "?status=submitted",
            {"entry": entry.pk, "reason": "Not bi-regional in fact.", "notify": "on"},
        )

    entry.refresh_from_db()
    assert response.url == staff_url(cycle) + "?status=submitted"
    assert entry.status == Entry.Status.DISQUALIFIED
    assert AuditEntry.objects.get(action="award_entry.disqualified").note == (
        "Not bi-regional in fact."
    )
    assert len(mail.outbox) == 1


def test_staff_disqualify_without_reason_changes_nothing(client, staff, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(staff)

    response = client.post(staff_url(cycle), {"entry": entry.pk, "reason": ""})

    entry.refresh_from_db()
    assert response.status_code == 400
    assert entry.status == Entry.Status.SUBMITTED


def test_staff_disqualify_entry_of_another_cycle_is_404(client, staff, teacher):
    cycle = open_cycle()
    other = open_cycle()
    entry = draft_of(other, teacher, submit=True)
    client.force_login(staff)

    response = client.post(staff_url(cycle), {"entry": entry.pk, "reason": "x"})

    entry.refresh_from_db()
    assert response.status_code == 404
    assert entry.status == Entry.Status.SUBMITTED


def test_teacher_cannot_disqualify(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(teacher)

    response = client.post(staff_url(cycle), {"entry": entry.pk, "reason": "x"})

    entry.refresh_from_db()
    assert response.status_code == 403
    assert entry.status == Entry.Status.SUBMITTED


@pytest.mark.parametrize("evidence_id", ["", "abc", "99999"])
def test_removing_unknown_evidence_is_404(client, teacher, evidence_id):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    item = Evidence.objects.create(entry=entry, title="Site", url="https://e.org/")
    client.force_login(teacher)

    response = client.post(edit_url(entry), {"action": "evidence_remove", "evidence": evidence_id})

    assert response.status_code == 404
    assert list(entry.evidence.all()) == [item]


def test_staff_list_ignores_bad_filters(client, staff, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    client.force_login(staff)

    response = client.get(staff_url(cycle), {"status": "bogus", "category": "abc"})

    assert response.status_code == 200
    assert [row.pk for row in response.context["rows"]] == [entry.pk]

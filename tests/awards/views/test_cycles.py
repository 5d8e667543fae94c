"""Staff pages for award cycles: the list, a new cycle, the set-up form and the hub."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardCycle, Criterion, Stage
from core.audit.models import AuditEntry
from tests.factories import (
    AssignmentFactory,
    AwardCycleFactory,
    CountryFactory,
    CriterionFactory,
    CycleJudgeFactory,
    EditionFactory,
    EntryFactory,
    StageFactory,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
ROLES = ["anonymous", "teacher", "other_teacher", "judge", "cycle_judge", "staff"]
STATUS_BY_ROLE = {
    "anonymous": 302,
    "teacher": 403,
    "other_teacher": 403,
    "judge": 403,
    "cycle_judge": 403,
    "staff": 200,
}
DESCRIPTORS = {str(n): f"Level {n}" for n in range(1, 6)}


@pytest.fixture
def tokyo():
    return EditionFactory(
        number=18,
        title="ESD and AI",
        city="Tokyo",
        country=CountryFactory(code="JP"),
        time_zone="Asia/Tokyo",
        starts_on=datetime.date(2030, 11, 25),
        ends_on=datetime.date(2030, 11, 29),
        status="published",
    )


@pytest.fixture
def cycle(tokyo):
    cycle = AwardCycleFactory(edition=tokyo, status="draft", title="Awards 2030")
    CriterionFactory(cycle=cycle, name="Teamwork", descriptors=DESCRIPTORS, is_primary=True)
    return cycle


@pytest.fixture
def cycle_judge(cycle):
    return CycleJudgeFactory(cycle=cycle).user


@pytest.fixture
def as_role(client, request):
    def log_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return log_in


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _data(context) -> dict:
    """What the browser would send back for the page's form and formsets, unchanged."""
    data = {}
    forms = [context["form"], *context["stages"]]
    for part in ("categories", "levels", "criteria"):
        formset = context[part]
        if formset is not None:
            forms.extend([formset.management_form, *formset.forms])
    for form in forms:
        for name, field in form.fields.items():
            if field.disabled:
                continue
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, bool) or getattr(field.widget, "input_type", "") == "checkbox":
                if value:
                    data[key] = "on"
            elif isinstance(value, datetime.datetime):
                data[key] = value.strftime("%Y-%m-%dT%H:%M")
            else:
                data[key] = "" if value is None else str(value)
    return data


# --- who may see the pages ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_cycle_page_is_for_staff_only(as_role, role, cycle):
    client = as_role(role)
    n = cycle.edition.number
    urls = [
        reverse("awards_staff:cycles"),
        reverse("awards_staff:cycle_create"),
        reverse("awards_staff:cycle", args=[n]),
        reverse("awards_staff:cycle_edit", args=[n]),
    ]

    for url in urls:
        response = client.get(url)

        assert response.status_code == STATUS_BY_ROLE[role], url
        if role == "anonymous":
            assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["teacher", "cycle_judge"])
def test_a_step_posted_by_a_non_staff_changes_nothing(as_role, role, cycle):
    client = as_role(role)

    response = client.post(reverse("awards_staff:cycle", args=[18]), {"action": "open"})

    assert response.status_code == 403
    assert AwardCycle.objects.get(pk=cycle.pk).status == "draft"


def test_unknown_cycle_is_404(client, staff, tokyo):
    client.force_login(staff)

    assert client.get(reverse("awards_staff:cycle", args=[18])).status_code == 404
    assert client.get(reverse("awards_staff:cycle_edit", args=[99])).status_code == 404


# --- the list -----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 20])
def test_cycles_list_runs_fixed_queries(client, staff, django_assert_num_queries, count):
    for number in range(1, count + 1):
        cycle = AwardCycleFactory(edition=EditionFactory(number=number))
        StageFactory(cycle=cycle)
        EntryFactory(cycle=cycle)
        CycleJudgeFactory(cycle=cycle)
    client.force_login(staff)

    with django_assert_num_queries(9):
        response = client.get(reverse("awards_staff:cycles"))

    assert [c.edition.number for c in response.context["cycles"]] == list(range(count, 0, -1))
    first = response.context["cycles"][0]
    assert (first.entry_count, first.judge_count) == (1, 1)
    assert "Shortlist" in response.content.decode()


def test_cycles_list_empty_state_guides_to_a_new_cycle(client, staff, tokyo):
    client.force_login(staff)

    response = client.get(reverse("awards_staff:cycles"))

    page = response.content.decode()
    assert "No award cycle yet" in page
    assert reverse("awards_staff:cycle_create") in page


# --- a new cycle --------------------------------------------------------------------------


def test_new_cycle_asks_for_an_edition_without_awards(client, staff, cycle):
    EditionFactory(number=19, title="Next one")
    client.force_login(staff)

    response = client.get(reverse("awards_staff:cycle_create"))

    choices = [n for n, _label in response.context["chooser"].fields["edition"].choices if n]
    assert [str(n) for n in choices] == ["19"]


def test_new_cycle_form_is_prefilled_with_the_classnet_defaults(client, staff, tokyo):
    client.force_login(staff)

    response = client.get(reverse("awards_staff:cycle_create"), {"edition": 18})

    criteria = response.context["criteria"]
    assert [f.initial["name"] for f in criteria.initial_forms] == [
        "Intercultural understanding",
        "Teamwork",
        "Knowledge-sharing",
        "Use of ICT",
        "Learning outcomes",
    ]
    assert criteria.initial_forms[0].initial["descriptors"].startswith("1: No evidence")
    assert [f.initial["name"] for f in response.context["levels"].initial_forms] == [
        "Gold",
        "Merit",
    ]
    assert "Asia/Tokyo" in response.content.decode()


def test_new_cycle_is_created_with_the_window_in_the_host_time_zone(client, staff, tokyo):
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_create"), {"edition": 18})
    data = _data(page.context) | {
        "edition": "18",
        "title": "Awards 2030",
        "entries_open_at": "2030-03-01T09:00",
        "entries_close_at": "2030-06-30T17:00",
    }

    response = client.post(reverse("awards_staff:cycle_create"), data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    cycle = AwardCycle.objects.get(edition=tokyo)
    assert response["Location"] == reverse("awards_staff:cycle", args=[18])
    assert cycle.entries_open_at == datetime.datetime(2030, 3, 1, 0, 0, tzinfo=UTC)
    assert cycle.entries_close_at == datetime.datetime(2030, 6, 30, 8, 0, tzinfo=UTC)
    assert cycle.criteria.count() == 5
    assert cycle.status == "draft"


def test_new_cycle_with_a_missing_descriptor_keeps_what_was_typed(client, staff, tokyo):
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_create"), {"edition": 18})
    data = _data(page.context) | {
        "edition": "18",
        "title": "My typed title",
        "criteria-0-descriptors": "1: a\n2: b\n3: c\n5: e",
    }

    response = client.post(reverse("awards_staff:cycle_create"), data)

    assert response.status_code == 200
    assert response.context["criteria"].forms[0].errors["descriptors"] == [
        "Describe every level from 1 to 5: 4 missing."
    ]
    page = response.content.decode()
    assert "My typed title" in page
    assert "Nothing is saved yet" in page
    assert not AwardCycle.objects.exists()


def test_new_cycle_refuses_chair_before_another_tie_break(client, staff, tokyo):
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_create"), {"edition": 18})
    data = _data(page.context) | {
        "edition": "18",
        "tie_break_1": "chair",
        "tie_break_2": "median",
        "tie_break_3": "",
    }

    response = client.post(reverse("awards_staff:cycle_create"), data)

    assert response.context["form"].errors["tie_break_1"] == [
        "The chair's decision comes last: it settles what the others leave tied."
    ]
    assert not AwardCycle.objects.exists()


def test_new_cycle_for_an_edition_that_has_one_shows_the_chooser(client, staff, cycle):
    client.force_login(staff)

    response = client.post(reverse("awards_staff:cycle_create"), {"edition": "18"})

    assert response.status_code == 200
    assert response.context["chooser"].errors["edition"]
    assert AwardCycle.objects.count() == 1


# --- editing ------------------------------------------------------------------------------


def test_edit_shows_the_window_on_the_host_clock_and_saves_changes(client, staff, cycle):
    cycle.entries_close_at = datetime.datetime(2030, 6, 30, 8, 0, tzinfo=UTC)
    cycle.save()
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_edit", args=[18]))
    data = _data(page.context)
    assert data["entries_close_at"] == "2030-06-30T17:00"
    data |= {"judges_per_entry": "4", "levels-0-name": "Gold", "levels-0-rank": "1"}

    response = client.post(reverse("awards_staff:cycle_edit", args=[18]), data)

    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.judges_per_entry == 4
    assert [lv.name for lv in cycle.levels.all()] == ["Gold"]
    assert cycle.entries_close_at == datetime.datetime(2030, 6, 30, 8, 0, tzinfo=UTC)
    assert AuditEntry.objects.filter(action="awardcycle.edited").count() == 1


def test_edit_with_bad_weight_changes_nothing(client, staff, cycle):
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_edit", args=[18]))
    data = _data(page.context) | {"criteria-0-weight": "0", "title": "Typed"}

    response = client.post(reverse("awards_staff:cycle_edit", args=[18]), data)

    assert response.status_code == 200
    assert response.context["criteria"].forms[0].errors["weight"]
    assert "Typed" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.title == "Awards 2030"


def test_edit_once_scores_exist_freezes_the_rubric_and_tie_break(client, staff, cycle):
    criterion = cycle.criteria.get()
    assignment = AssignmentFactory(stage=StageFactory(cycle=cycle))
    assignment.scores.create(criterion=criterion, value=4)
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_edit", args=[18]))
    assert "Scores exist: the rubric can no longer change." in page.content.decode()
    assert page.context["criteria"] is None
    data = _data(page.context) | {
        "tie_break_1": "raw_mean",
        "title": "Renamed",
        "levels-0-name": "Gold",
        "levels-0-rank": "1",
    }

    response = client.post(reverse("awards_staff:cycle_edit", args=[18]), data)

    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.title == "Renamed"
    assert cycle.tie_break == ["median", "primary", "chair"]
    assert list(Criterion.objects.filter(cycle=cycle)) == [criterion]


def test_edit_after_publication_goes_back_to_the_hub(client, staff, cycle):
    cycle.status = "published"
    cycle.save()
    client.force_login(staff)

    response = client.post(reverse("awards_staff:cycle_edit", args=[18]), {"title": "x"})

    assert response["Location"] == reverse("awards_staff:cycle", args=[18])
    assert "published" in _messages(response)[0]
    cycle.refresh_from_db()
    assert cycle.title == "Awards 2030"


# --- the hub ------------------------------------------------------------------------------


def test_hub_of_a_draft_lists_what_is_missing_and_refuses_to_open(client, staff, cycle):
    client.force_login(staff)

    page = client.get(reverse("awards_staff:cycle", args=[18]))
    assert page.context["next_step"]["label"] == "Open for entries"
    assert "Add at least one category." in page.content.decode()

    response = client.post(reverse("awards_staff:cycle", args=[18]), {"action": "open"})

    assert "Not ready to open" in _messages(response)[0]
    assert AwardCycle.objects.get(pk=cycle.pk).status == "draft"


def test_hub_opens_then_starts_judging(client, staff, cycle):
    cycle.categories.create(name="School collaboration")
    cycle.levels.create(name="Gold", rank=1)
    shortlist = StageFactory(cycle=cycle, status="pending")
    client.force_login(staff)
    url = reverse("awards_staff:cycle", args=[18])

    client.post(url, {"action": "open"})
    assert AwardCycle.objects.get(pk=cycle.pk).status == "open"
    assert client.get(url).context["next_step"]["label"] == "Close entries and start judging"

    entry = EntryFactory(cycle=cycle, category=cycle.categories.get())
    client.post(url, {"action": "judging", "confirm": "on"})  # asked first: see below

    shortlist.refresh_from_db()
    assert (AwardCycle.objects.get(pk=cycle.pk).status, shortlist.status) == ("judging", "open")
    assert list(shortlist.entries.all()) == [entry]
    page = client.get(url)
    assert page.context["next_step"] == {
        "action": "stage_close",
        "stage": "shortlist",
        "label": "Close the shortlist stage",
    }
    assert [item["label"] for item in page.context["history"]] == [
        "Opened a judging stage",
        "Closed entries and started judging",
        "Opened for entries",
    ]


def _open_with_drafts(cycle, *, closes_in: datetime.timedelta):
    cycle.categories.create(name="School collaboration")
    cycle.status = "open"
    cycle.entries_open_at = timezone.now() - datetime.timedelta(days=30)
    cycle.entries_close_at = timezone.now() + closes_in
    cycle.save()
    StageFactory(cycle=cycle, status="pending")
    category = cycle.categories.get()
    EntryFactory(cycle=cycle, category=category)
    for _ in range(3):
        EntryFactory(cycle=cycle, category=category, status="draft", submitted_at=None)


def test_closing_entries_before_the_deadline_asks_first(client, staff, cycle):
    # Issue 12: one click closed the call before the advertised deadline, without a word.
    _open_with_drafts(cycle, closes_in=datetime.timedelta(days=10))
    client.force_login(staff)
    url = reverse("awards_staff:cycle", args=[18])

    response = client.post(url, {"action": "judging"})

    assert response.status_code == 200
    assert AwardCycle.objects.get(pk=cycle.pk).status == "open"
    body = response.content.decode()
    deadline = timezone.localtime(cycle.entries_close_at, cycle.edition.zone)
    assert deadline.strftime("%H:%M") in body
    assert f"{deadline.day} {deadline.strftime('%B %Y')}" in body
    assert "3 drafts were never submitted: they will be locked out and not judged." in body
    assert "Yes, close entries before the deadline" in body
    assert 'name="confirm" value="on"' in body

    client.post(url, {"action": "judging", "confirm": "on"})
    assert AwardCycle.objects.get(pk=cycle.pk).status == "judging"


def test_closing_entries_after_the_deadline_still_names_the_drafts(client, staff, cycle):
    _open_with_drafts(cycle, closes_in=datetime.timedelta(days=10))
    AwardCycle.objects.filter(pk=cycle.pk).update(
        entries_close_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client.force_login(staff)

    body = client.post(reverse("awards_staff:cycle", args=[18]), {"action": "judging"})
    body = body.content.decode()

    assert "The deadline passed on" in body
    assert "3 drafts were never submitted" in body
    assert AwardCycle.objects.get(pk=cycle.pk).status == "open"


def test_hub_shows_key_numbers_and_links_to_every_part(client, staff, cycle):
    cycle.status = "judging"
    cycle.save()
    stage = StageFactory(cycle=cycle)
    AssignmentFactory(stage=stage, status="submitted", submitted_at=datetime.datetime.now(UTC))
    AssignmentFactory(stage=stage)
    CycleJudgeFactory(cycle=cycle, status="invited")
    client.force_login(staff)

    response = client.get(reverse("awards_staff:cycle", args=[18]))

    assert response.context["judges"]["active"] == 2
    assert response.context["judges"]["invited"] == 1
    assert [(s.submitted_count, s.assignment_count) for s in response.context["stages"]] == [(1, 2)]
    page = response.content.decode()
    for url in (
        reverse("awards_staff:cycle_edit", args=[18]),
        reverse("awards_staff:entries", args=[18]),
        reverse("awards_staff:judges", args=[18]),
        reverse("awards_staff:assignments", args=[18, "shortlist"]),
        reverse("awards_staff:results", args=[18, "shortlist"]),
        reverse("awards_staff:publish", args=[18]),
        reverse("awards:cycle", args=[18]),
    ):
        assert f'href="{url}' in page, url


def test_hub_refuses_closing_a_stage_without_scores(client, staff, cycle):
    cycle.status = "judging"
    cycle.save()
    stage = StageFactory(cycle=cycle)
    client.force_login(staff)

    response = client.post(
        reverse("awards_staff:cycle", args=[18]), {"action": "stage_close", "stage": "shortlist"}
    )

    assert "No judge has submitted" in _messages(response)[0]
    assert Stage.objects.get(pk=stage.pk).status == "open"


def test_hub_refuses_a_made_up_step(client, staff, cycle):
    client.force_login(staff)

    response = client.post(reverse("awards_staff:cycle", args=[18]), {"action": "publish"})

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "That step is not possible here."
    ]
    assert AwardCycle.objects.get(pk=cycle.pk).status == "draft"


def test_edit_removing_a_category_in_use_shows_why_and_keeps_it(client, staff, cycle):
    entry = EntryFactory(cycle=cycle)
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_edit", args=[18]))
    data = _data(page.context) | {
        "categories-0-DELETE": "on",
        "categories-1-name": "Student-led",
        "categories-1-position": "2",
    }

    response = client.post(reverse("awards_staff:cycle_edit", args=[18]), data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"“{entry.category.name}” is in use and cannot be removed."
    ]
    assert list(cycle.categories.all()) == [entry.category]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("entries_close_at", "2030-02-01T09:00", "Entries must close after they open."),
        ("judges_per_entry", "0", "Ensure this value is greater than or equal to 1."),
        ("judges_per_entry", "50", "Ensure this value is less than or equal to 20."),
    ],
)
def test_edit_refuses_bad_details_with_a_message(client, staff, cycle, field, value, message):
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_edit", args=[18]))
    data = _data(page.context) | {"entries_open_at": "2030-03-01T09:00", field: value}

    response = client.post(reverse("awards_staff:cycle_edit", args=[18]), data)

    assert response.context["form"].errors[field] == [message]
    cycle.refresh_from_db()
    assert (cycle.entries_open_at, cycle.judges_per_entry) == (None, 3)


def test_stage_window_is_typed_in_the_host_time_zone(client, staff, cycle):
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_edit", args=[18]))
    data = _data(page.context) | {
        "stage-shortlist-used": "on",
        "stage-shortlist-opens_at": "2030-07-01T09:00",
        "stage-shortlist-closes_at": "2030-07-31T18:00",
    }

    response = client.post(reverse("awards_staff:cycle_edit", args=[18]), data)

    assert response.status_code == 302
    stage = cycle.stages.get()
    assert (stage.kind, stage.opens_at, stage.closes_at) == (
        "shortlist",
        datetime.datetime(2030, 7, 1, 0, 0, tzinfo=UTC),
        datetime.datetime(2030, 7, 31, 9, 0, tzinfo=UTC),
    )
    again = client.get(reverse("awards_staff:cycle_edit", args=[18]))
    assert _data(again.context)["stage-shortlist-closes_at"] == "2030-07-31T18:00"


def test_staff_home_links_to_the_award_cycles(client, staff):
    client.force_login(staff)

    page = client.get(reverse("staff:index")).content.decode()

    assert f'href="{reverse("awards_staff:cycles")}"' in page

"""conferences/selectors/selection.py and services/selection.py: the staff list's filters,
waitlist positions, the counts against capacity, quotas and targets, and the bulk decision
through the locked services."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from conferences.errors import ConferenceError
from conferences.models import (
    Application,
    EditionCountryQuota,
    EditionRegionTarget,
    WaitlistOffer,
)
from conferences.selectors.selection import (
    applications_for_staff,
    selection_counts,
    waitlist_positions,
)
from conferences.services.selection import applications_decide_bulk
from core.audit.models import AuditEntry
from core.outbox.models import OutgoingEmail

from ...factories import (
    CountryFactory,
    EditionFactory,
    SchoolFactory,
    StaffFactory,
    TeacherProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CAPACITY_MESSAGE = "No places left: the edition's 2 places are taken."


@pytest.fixture
def edition():
    return EditionFactory(number=17, status="applications_open", capacity=2)


def application_for(edition, *, country="FI", kind="secondary", status="submitted", name=None):
    user = UserFactory(
        country=CountryFactory(code=country), **({"full_name": name} if name else {})
    )
    school = SchoolFactory(country=user.country, kind=kind)
    profile = TeacherProfileFactory(user=user, school=school)
    return Application.objects.create(
        edition=edition, teacher=profile, school=school, motivation="Hello", status=status
    )


def waitlisted(edition, minutes_ago: int, **kwargs):
    application = application_for(edition, status="waitlisted", **kwargs)
    application.waitlisted_at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    application.save(update_fields=["waitlisted_at"])
    return application


def statuses(*applications):
    return [Application.objects.get(pk=a.pk).status for a in applications]


# --- applications_for_staff -------------------------------------------------------------------


def test_applications_for_staff_filters_by_each_field(edition):
    finn = application_for(edition, country="FI", kind="secondary", name="Aino Virtanen")
    japanese = application_for(edition, country="JP", kind="high", status="approved")
    vocational = application_for(edition, country="FI", kind="vocational", status="waitlisted")
    other_edition = EditionFactory(number=18)
    application_for(other_edition, country="JP")

    def pks(**filters):
        return [a.pk for a in applications_for_staff(edition=edition, **filters)]

    assert pks() == [finn.pk, japanese.pk, vocational.pk]
    assert pks(status="approved") == [japanese.pk]
    assert pks(region="asia") == [japanese.pk]
    assert pks(region="europe") == [finn.pk, vocational.pk]
    assert pks(country_id=finn.school.country_id) == [finn.pk, vocational.pk]
    assert pks(school_kind="vocational") == [vocational.pk]
    assert pks(q="virtanen") == [finn.pk]
    assert pks(q=japanese.school.name) == [japanese.pk]
    assert pks(q=vocational.teacher.user.email) == [vocational.pk]
    assert pks(region="asia", school_kind="secondary") == []


# --- waitlist_positions ----------------------------------------------------------------------


def test_waitlist_positions_rank_the_whole_waitlist_by_time_then_id(edition):
    third = waitlisted(edition, 1)
    first = waitlisted(edition, 30)
    second = waitlisted(edition, 10)
    submitted = application_for(edition)
    waitlisted(EditionFactory(number=18), 60)  # another edition's waitlist does not count

    # Asked for one row only: its place in the whole waitlist, not among the rows asked for.
    assert waitlist_positions(edition=edition, application_ids=[third.pk]) == {third.pk: 3}
    assert waitlist_positions(
        edition=edition, application_ids=[first.pk, second.pk, third.pk, submitted.pk]
    ) == {first.pk: 1, second.pk: 2, third.pk: 3}
    assert waitlist_positions(edition=edition, application_ids=[]) == {}


def test_waitlist_positions_break_ties_by_id(edition):
    at = timezone.now()
    one, two = (
        application_for(edition, status="waitlisted"),
        application_for(edition, status="waitlisted"),
    )
    Application.objects.filter(pk__in=[one.pk, two.pk]).update(waitlisted_at=at)

    assert waitlist_positions(edition=edition, application_ids=[two.pk, one.pk]) == {
        one.pk: 1,
        two.pk: 2,
    }


# --- selection_counts ------------------------------------------------------------------------


def test_selection_counts_per_country_and_region_against_quotas_and_targets(
    edition, django_assert_num_queries
):
    edition.capacity = 10
    edition.save()
    finland, japan, korea = (CountryFactory(code=c) for c in ("FI", "JP", "KR"))
    EditionCountryQuota.objects.create(edition=edition, country=japan, max_teachers=2)
    EditionCountryQuota.objects.create(edition=edition, country=korea, max_teachers=3)
    EditionRegionTarget.objects.create(edition=edition, region="asia", target=5)
    application_for(edition, country="FI", status="approved")
    application_for(edition, country="FI", status="attended")
    application_for(edition, country="FI", status="submitted")
    application_for(edition, country="FI", status="under_review")
    application_for(edition, country="FI", status="rejected")
    application_for(edition, country="JP", status="approved")
    offered = waitlisted(edition, 5, country="JP")
    WaitlistOffer.objects.create(
        application=offered, token="t1", expires_at=timezone.now() + datetime.timedelta(hours=72)
    )
    waitlisted(edition, 3, country="JP")
    application_for(EditionFactory(number=18), country="JP", status="approved")

    with django_assert_num_queries(4):
        counts = selection_counts(edition=edition)

    assert (counts.capacity, counts.places_held, counts.places_left, counts.open_offers) == (
        10,
        4,
        6,
        1,
    )
    rows = {
        row.code: (row.participants, row.offers, row.submitted, row.waitlisted, row.quota)
        for row in counts.countries
    }
    assert rows == {
        "FI": (2, 0, 2, 0, None),
        "JP": (1, 1, 0, 2, 2),
        "KR": (0, 0, 0, 0, 3),  # a quota without applications still shows
    }
    japan_row = next(row for row in counts.countries if row.code == "JP")
    assert (japan_row.held, japan_row.quota_full) == (2, True)
    regions = {
        r.region: (r.participants, r.offers, r.submitted, r.waitlisted, r.target)
        for r in counts.regions
    }
    assert regions == {"asia": (1, 1, 0, 2, 5), "europe": (2, 0, 2, 0, None)}
    asia = next(r for r in counts.regions if r.region == "asia")
    assert asia.short_of_target == 3
    assert finland.pk in {row.country_id for row in counts.countries}


def test_selection_counts_of_an_edition_without_applications(edition):
    counts = selection_counts(edition=edition)

    assert (counts.places_held, counts.places_left, counts.open_offers, counts.countries) == (
        0,
        2,
        0,
        [],
    )
    assert [(r.region, r.held) for r in counts.regions] == [("asia", 0), ("europe", 0)]


# --- applications_decide_bulk ----------------------------------------------------------------


def test_bulk_approve_in_the_order_applied_until_the_places_run_out(
    edition, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    first, second, third = (application_for(edition) for _ in range(3))

    with django_capture_on_commit_callbacks(execute=True):
        result = applications_decide_bulk(
            edition=edition,
            application_ids=[third.pk, second.pk, first.pk],  # the order ticked does not matter
            action="approve",
            by=staff,
        )

    assert [a.pk for a in result.done] == [first.pk, second.pk]
    assert [(r.application_id, r.message) for r in result.refused] == [(third.pk, CAPACITY_MESSAGE)]
    assert result.refused[0].name == f"{third.teacher.user} ({third.school.name})"
    assert statuses(first, second, third) == ["approved", "approved", "submitted"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [first.teacher.user.email, second.teacher.user.email]
    )


def test_bulk_approve_respects_a_country_quota(edition):
    edition.capacity = 10
    edition.save()
    EditionCountryQuota.objects.create(
        edition=edition, country=CountryFactory(code="JP"), max_teachers=1
    )
    one, two = application_for(edition, country="JP"), application_for(edition, country="JP")
    finn = application_for(edition, country="FI")

    result = applications_decide_bulk(
        edition=edition, application_ids=[one.pk, two.pk, finn.pk], action="approve", by=None
    )

    assert [a.pk for a in result.done] == [one.pk, finn.pk]
    assert [r.message for r in result.refused] == [
        "No places left for teachers from Japan: its quota of 1 place is taken."
    ]
    assert statuses(one, two, finn) == ["approved", "submitted", "approved"]


def test_bulk_ignores_ids_of_another_edition_and_unknown_ids(edition):
    other = application_for(EditionFactory(number=18))
    own = application_for(edition)

    result = applications_decide_bulk(
        edition=edition,
        application_ids=[other.pk, own.pk, 999999],
        action="waitlist",
        by=StaffFactory(),
    )

    assert [a.pk for a in result.done] == [own.pk]
    assert [(r.application_id, r.name, r.message) for r in result.refused] == [
        (other.pk, "", "Not an application to this edition."),
        (999999, "", "Not an application to this edition."),
    ]
    assert statuses(other, own) == ["submitted", "waitlisted"]


def test_bulk_mixed_statuses_report_each_refusal(edition):
    submitted = application_for(edition)
    rejected = application_for(edition, status="rejected")
    approved = application_for(edition, status="approved")

    result = applications_decide_bulk(
        edition=edition,
        application_ids=[submitted.pk, rejected.pk, approved.pk],
        action="waitlist",
        by=StaffFactory(),
    )

    assert [a.pk for a in result.done] == [submitted.pk]
    assert [(r.application_id, r.message) for r in result.refused] == [
        (rejected.pk, "A rejected application cannot be put on the waitlist."),
        (approved.pk, "An approved teacher cannot be put on the waitlist: they hold a place."),
    ]
    assert result.already == []
    assert statuses(submitted, rejected, approved) == ["waitlisted", "rejected", "approved"]


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", "approved"),
        ("approve", "attended"),
        ("waitlist", "waitlisted"),
        ("reject", "rejected"),
    ],
)
def test_bulk_rows_already_so_are_not_refused(edition, action, status):
    submitted = application_for(edition)
    already = application_for(edition, status=status)

    result = applications_decide_bulk(
        edition=edition,
        application_ids=[submitted.pk, already.pk],
        action=action,
        by=StaffFactory(),
        reason="Full this year.",
    )

    assert [a.pk for a in result.done] == [submitted.pk]
    assert [a.pk for a in result.already] == [already.pk]
    assert result.refused == []
    assert statuses(already) == [status]
    assert not AuditEntry.objects.filter(
        target_id=already.pk, action__startswith="application."
    ).exists()


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        (
            "approve",
            "withdrawn",
            "A withdrawn application cannot be approved: the teacher took it back.",
        ),
        (
            "approve",
            "rejected",
            "A rejected application cannot be approved; the teacher may apply again.",
        ),
        ("waitlist", "attended", "A teacher who attended cannot be put on the waitlist."),
        (
            "waitlist",
            "withdrawn",
            "A withdrawn application cannot be put on the waitlist: the teacher took it back.",
        ),
        ("reject", "attended", "A teacher who attended cannot be rejected."),
        (
            "reject",
            "withdrawn",
            "A withdrawn application cannot be rejected: the teacher took it back.",
        ),
    ],
)
def test_bulk_rows_that_cannot_take_the_decision_say_why(edition, action, status, message):
    application = application_for(edition, status=status)

    result = applications_decide_bulk(
        edition=edition,
        application_ids=[application.pk],
        action=action,
        by=StaffFactory(),
        reason="Full this year.",
    )

    assert (result.done, result.already) == ([], [])
    assert [(r.application_id, r.message) for r in result.refused] == [(application.pk, message)]
    assert statuses(application) == [status]


def test_bulk_reject_records_the_reason_for_each(edition):
    one, two = application_for(edition), application_for(edition, status="waitlisted")
    staff = StaffFactory()

    result = applications_decide_bulk(
        edition=edition,
        application_ids=[one.pk, two.pk],
        action="reject",
        by=staff,
        reason="  Places went to collaboration leads.  ",
    )

    assert len(result.done) == 2
    assert (
        list(
            Application.objects.filter(pk__in=[one.pk, two.pk]).values_list(
                "status", "reason", "decided_by"
            )
        )
        == [("rejected", "Places went to collaboration leads.", staff.pk)] * 2
    )


@pytest.mark.parametrize(
    ("action", "reason", "message"),
    [
        ("reject", "   ", "Say why, so that the teachers understand the decision."),
        ("delete", "", "Choose approve, waitlist or reject."),
    ],
)
def test_bulk_refused_as_a_whole_changes_nothing(edition, action, reason, message):
    application = application_for(edition)

    with pytest.raises(ConferenceError) as error:
        applications_decide_bulk(
            edition=edition,
            application_ids=[application.pk],
            action=action,
            by=StaffFactory(),
            reason=reason,
        )

    assert str(error.value) == message
    assert statuses(application) == ["submitted"]
    assert not OutgoingEmail.objects.exists()


def test_bulk_counts_duplicate_ids_once(edition):
    application = application_for(edition)

    result = applications_decide_bulk(
        edition=edition,
        application_ids=[application.pk, application.pk],
        action="approve",
        by=StaffFactory(),
    )

    assert ([a.pk for a in result.done], result.refused) == ([application.pk], [])
    assert OutgoingEmail.objects.count() == 1

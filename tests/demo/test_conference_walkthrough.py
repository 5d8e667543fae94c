"""Issue 5's "Done when", on the demo network, through HTTP as the people would do it:

staff publish an edition with a programme; the demo teacher applies to the coming 17th; staff
approve her, then approve the rest past the last place and see the refusal; a participant
withdraws and the first teacher on the waitlist is offered the place by e-mail and accepts it
from the link; the e-mails are recorded; the teacher downloads her programme (iCal) and, after
check-in, her certificate.
"""

import datetime
import re

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from conferences.models import Application, Edition, WaitlistOffer
from conferences.selectors.places import places_left
from conferences.services.editions import edition_create, session_create
from core.outbox.models import OutgoingEmail
from demo.seed import DEMO_PASSWORD
from schools.models import Country
from teachers.models import User

pytestmark = pytest.mark.django_db

TEACHER = "teacher@classnet.demo"
STAFF = "staff@classnet.demo"
OFFER_LINK = re.compile(r"https?://\S+/conferences/offers/([\w-]+)/\?answer=accept")


def _login(client, email):
    client.logout()
    assert (
        client.login(username=email, password=DEMO_PASSWORD)
        or client.force_login(User.objects.get(email=email)) is None
    )


@pytest.fixture
def coming(demo):
    return Edition.objects.get(number=17)


def test_staff_publish_a_new_edition_with_a_programme(client, coming):
    staff = User.objects.get(email=STAFF)
    edition = edition_create(
        by=staff,
        fields={
            "number": 18,
            "title": "Classrooms for the Planet",
            "city": "Lisbon",
            "country": Country.objects.get(code="PT"),
            "starts_on": datetime.date(2028, 11, 13),
            "ends_on": datetime.date(2028, 11, 17),
            "capacity": 100,
        },
    )
    opening = datetime.datetime(2028, 11, 13, 9, tzinfo=edition.zone)
    session_create(
        edition=edition,
        by=staff,
        fields={
            "kind": "plenary",
            "title": "Opening plenary",
            "starts_at": opening,
            "ends_at": opening + datetime.timedelta(hours=1),
        },
    )
    assert client.get(edition.get_absolute_url()).status_code == 404  # a draft

    _login(client, STAFF)
    response = client.post(
        reverse("conferences_staff:edition", args=[18]), {"to": "published"}, follow=True
    )

    assert response.status_code == 200
    edition.refresh_from_db()
    assert edition.status == "published"
    client.logout()
    assert (
        "Opening plenary"
        in client.get(reverse("conferences:programme", args=[18])).content.decode()
    )


def test_apply_select_waitlist_offer_check_in_and_certificate(
    client, coming, django_capture_on_commit_callbacks, monkeypatch
):
    edition = coming
    # The demo teacher applies to the coming edition.
    _login(client, TEACHER)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("conferences:apply", args=[17]),
            {"motivation": "Robots and digital citizenship with a class in Asia."},
        )
    assert response.status_code == 302
    mine = Application.objects.get(edition=edition, teacher__user__email=TEACHER)
    assert mine.status == "submitted"

    # Staff approve her from her application's page…
    _login(client, STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("conferences_staff:application", args=[17, mine.pk]), {"action": "approve"}
        )
    mine.refresh_from_db()
    assert mine.status == "approved"
    assert places_left(edition=edition) == 7

    # …then tick every waiting application and approve them: past the last place, refused.
    waiting = list(edition.applications.filter(status="submitted").values_list("pk", flat=True))
    assert len(waiting) == 8
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("conferences_staff:applications_bulk", args=[17]),
            {"applications": waiting, "action": "approve"},
            follow=True,
        )
    page = response.content.decode()
    assert (
        "7 applications approved. The 7 approved teachers are told by e-mail. "
        "1 could not be approved; the reason is below."
    ) in page
    assert "No places left: the edition&#x27;s 100 places are taken." in page
    assert places_left(edition=edition) == 0
    assert edition.applications.filter(status="submitted").count() == 1

    # A participant withdraws: the first teacher on the waitlist is offered the place.
    first_waiting = edition.applications.filter(status="waitlisted").order_by("waitlisted_at")[0]
    leaving = edition.applications.filter(status="approved").exclude(pk=mine.pk).first()
    _login(client, leaving.teacher.user.email)
    mail.outbox.clear()
    # Withdraw asks first, saying that the place goes to the waitlist for good.
    confirm = client.get(reverse("conferences:withdraw", args=[17])).content.decode()
    assert "the place cannot be given back to you." in confirm
    leaving.refresh_from_db()
    assert leaving.status == "approved"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("conferences:withdraw", args=[17]))
    leaving.refresh_from_db()
    assert leaving.status == "withdrawn"
    offer = WaitlistOffer.objects.get(application=first_waiting, status="open")
    offer_mail = next(m for m in mail.outbox if m.to == [first_waiting.teacher.user.email])
    token = OFFER_LINK.search(offer_mail.body).group(1)
    assert token == offer.token

    # They accept from the e-mail's link, on a phone where they are not signed in.
    client.logout()
    assert "Accept my place" in client.get(f"/conferences/offers/{token}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/conferences/offers/{token}/", {"action": "accept"})
    first_waiting.refresh_from_db()
    assert first_waiting.status == "approved"
    assert places_left(edition=edition) == 0

    # Every step's e-mail is recorded in the outbox (in `make run`, files in var/mail/).
    subjects = " | ".join(OutgoingEmail.objects.values_list("subject", flat=True))
    for words in (
        "received your application",
        "you have a place",
        "yours if you want",
        "withdrawn",
    ):
        assert words in subjects.lower(), subjects

    # The teacher downloads her own programme.
    _login(client, TEACHER)
    response = client.get(reverse("conferences:my_programme_ics", args=[17]))
    calendar = icalendar.Calendar.from_ical(response.content)
    assert "Opening plenary" in [str(e["summary"]) for e in calendar.walk("VEVENT")]

    # Days before the conference, nobody can be checked in yet.
    assert client.get(reverse("conferences:certificate", args=[17])).status_code == 404
    _login(client, STAFF)
    day_1 = {"application": mine.pk, "day": edition.starts_on.isoformat(), "action": "mark"}
    client.post(reverse("conferences_staff:checkin", args=[17]), day_1)
    mine.refresh_from_db()
    assert mine.status == "approved"

    # On the first day (09:00 in Bangkok) staff check her in; her certificate is then on My
    # ClassNet.
    first_morning = datetime.datetime.combine(
        edition.starts_on, datetime.time(9), tzinfo=edition.zone
    )
    monkeypatch.setattr(timezone, "now", lambda: first_morning)
    _login(client, STAFF)
    client.post(reverse("conferences_staff:checkin", args=[17]), day_1)
    mine.refresh_from_db()
    assert mine.status == "attended"
    _login(client, TEACHER)
    assert "Download certificate" in client.get(reverse("teachers:dashboard")).content.decode()
    response = client.get(reverse("conferences:certificate", args=[17]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")

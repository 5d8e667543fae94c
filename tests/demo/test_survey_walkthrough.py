"""Issue 8's "Done when", on the demo network over HTTP: staff set a closing date on the
draft survey and open it (everyone in its audience is invited by e-mail), the demo teacher
answers it, staff see the results with charts and export them; the gallery's photos carry
no metadata. (The answering journey in a browser: tests/browser/test_survey_journey.py.)"""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from demo.seed import DEMO_PASSWORD
from gallery.models import MediaItem
from surveys.models import Invitation, Response, Survey
from surveys.services.surveys import survey_update

pytestmark = pytest.mark.django_db

TEACHER = "teacher@classnet.demo"
STAFF = "staff@classnet.demo"


def _login(client, email):
    client.logout()
    assert client.login(email=email, password=DEMO_PASSWORD)


def test_open_answer_read_results_and_export(client, django_capture_on_commit_callbacks):
    survey = Survey.objects.get(title="Teachers' use of AI in the classroom")
    assert survey.status == "draft"
    staff = Survey._meta.get_field("created_by").related_model.objects.get(email=STAFF)
    survey_update(
        by=staff,
        survey=survey,
        title=survey.title,
        introduction=survey.introduction,
        closes_at=timezone.now() + datetime.timedelta(days=30),
    )

    # Staff open it from the hub: every verified teacher is invited, once.
    _login(client, STAFF)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys_staff:survey_open", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == "open"
    invited = Invitation.objects.filter(survey=survey, invited_at__isnull=False).count()
    assert invited > 100
    assert TEACHER in {address for m in mail.outbox for address in m.to}

    # The demo teacher answers every question with its first option (or a few words).
    _login(client, TEACHER)
    url = reverse("surveys:answer", args=[survey.pk])
    assert client.get(url).status_code == 200
    data = {"action": "submit"}
    for section in survey.sections.all():
        for question in section.questions.all():
            name = f"q_{question.pk}"
            if question.kind in ("single", "multiple"):
                data[name] = str(question.choices.first().pk)
            elif question.kind == "likert":
                data[name] = "4"
            elif question.kind == "number":
                data[name] = str(question.number_min or 1)
            else:
                data[name] = "We use it to draft quizzes, checked by the teacher."
    client.post(url, data)
    assert Response.objects.filter(survey=survey).count() == 1
    response = Response.objects.get(survey=survey)
    assert response.respondent is None  # anonymous: nobody is linked to the answers
    assert Invitation.objects.get(survey=survey, user__email=TEACHER).answered_at

    # Staff see the results with charts, and export them.
    _login(client, STAFF)
    results = client.get(reverse("surveys_staff:results", args=[survey.pk]))
    assert results.status_code == 200
    assert b"<svg" in results.content
    export = client.get(
        reverse("surveys_staff:results_export", args=[survey.pk, "csv"]), follow=True
    )
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 2  # the header and the one response
    assert TEACHER not in "".join(rows[1])


def test_the_gallery_shows_photos_without_metadata(client):

    page = client.get(reverse("gallery:index"))
    assert page.status_code == 200
    photo = MediaItem.objects.filter(kind="photo", hidden=False).first()
    assert client.get(photo.album.get_absolute_url()).status_code == 200
    for field in (photo.image, photo.thumb_small, photo.thumb_medium):
        with Image.open(field.path) as image:
            assert not image.getexif()

"""The survey and gallery demo data (issue 8): a closed anonymous survey with about 300
responses, a draft to open, and the 14th and 15th editions' albums without metadata."""

import pytest
from django.core.management import call_command
from django.db.models import Avg, Count
from PIL import Image

from gallery.models import Album, MediaItem
from surveys.models import Answer, Invitation, Question, Response, Survey
from teachers.models import TeacherProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(demo):
    """The package's demo, seeded twice: idempotent, nothing below doubles."""
    return demo


def test_the_leadership_survey_is_closed_with_296_anonymous_responses(seeded):
    survey = Survey.objects.get(title="ASEM-wide survey on school leadership in the digital era")

    assert (survey.status, survey.anonymous, survey.audience) == ("closed", True, "all")
    assert not survey.accepts_answers
    assert survey.opens_at < survey.closes_at
    assert survey.sections.count() == 3
    assert survey.responses.count() == 296
    assert not survey.responses.filter(respondent__isnull=False).exists()
    assert not Response.objects.filter(respondent__isnull=False).exists()
    # Every response says where it comes from, nothing about who.
    assert not survey.responses.filter(country__isnull=True).exists()
    assert set(survey.responses.values_list("region", flat=True)) == {"asia", "europe"}
    assert set(survey.responses.values_list("school_kind", flat=True)) == {
        "secondary",
        "high",
        "vocational",
    }
    assert survey.responses.values("country").distinct().count() > 40


def test_every_question_kind_is_asked_and_answered(seeded):
    survey = Survey.objects.get(title__startswith="ASEM-wide")
    questions = Question.objects.filter(section__survey=survey)

    assert questions.count() == 10
    assert {q.kind for q in questions} == set(Question.Kind.values)
    likerts = questions.filter(kind="likert")
    assert likerts.count() == 3
    assert {(q.scale_low_label, q.scale_high_label) for q in likerts} == {
        ("Strongly disagree", "Strongly agree")
    }
    answered = dict(
        Answer.objects.filter(response__survey=survey)
        .values_list("question__kind")
        .annotate(n=Count("pk"))
        .values_list("question__kind", "n")
    )
    assert set(answered) == set(Question.Kind.values)
    # Required questions are answered in every response; the text ones by a few.
    for question in questions.filter(required=True):
        assert question.answers.count() == 296, question.text
    assert 0 < answered["long_text"] < answered["short_text"] < 296
    # Single choices hold one choice, multiple ones at least one, Likert answers 1-5.
    assert not Answer.objects.filter(question__kind="single", choice__isnull=True).exists()
    multiple = Answer.objects.filter(question__kind="multiple").annotate(n=Count("choices"))
    assert multiple.count() == 296
    assert not multiple.filter(n=0).exists()
    assert not Answer.objects.filter(question__kind="likert", number__lt=1).exists()
    assert not Answer.objects.filter(question__kind="likert", number__gt=5).exists()
    # The regions differ on the statements (a result worth a chart).
    vision = likerts.first()
    means = dict(
        vision.answers.values_list("response__region")
        .annotate(mean=Avg("number"))
        .values_list("response__region", "mean")
    )
    assert means["asia"] - means["europe"] > 0.2


def test_every_verified_teacher_was_invited_and_most_answered(seeded):
    survey = Survey.objects.get(title__startswith="ASEM-wide")
    invitations = Invitation.objects.filter(survey=survey)

    assert invitations.count() == TeacherProfile.objects.verified().count()
    answered = invitations.filter(answered_at__isnull=False).count()
    assert 0.6 * invitations.count() < answered < invitations.count()
    assert not invitations.filter(answered_at__gt=survey.closes_at).exists()
    assert not invitations.filter(answered_at__isnull=True, reminded_at__isnull=True).exists()
    assert not invitations.exclude(draft_answers={}).exists()


def test_a_draft_survey_waits_for_staff_to_open_it(seeded):
    draft = Survey.objects.get(title="Teachers' use of AI in the classroom")

    assert (draft.status, draft.audience) == ("draft", "all")
    assert not draft.accepts_answers
    assert draft.sections.count() == 2
    assert Question.objects.filter(section__survey=draft).count() == 5
    assert not draft.invitations.exists()
    assert not draft.responses.exists()
    assert Survey.objects.count() == 2


def test_the_14th_and_15th_editions_have_albums_of_photos_without_metadata(seeded):
    albums = Album.objects.filter(edition__number__in=[14, 15]).order_by("edition__number")

    assert [a.edition.number for a in albums] == [14, 15]
    assert Album.objects.count() == 2
    for album in albums:
        photos = album.items.filter(kind="photo")
        assert photos.count() == 8
        assert not photos.exclude(processing="ready").exists()
        for photo in photos:
            assert (photo.credit, photo.licence, photo.consent_confirmed) == (
                "ASEF / ClassNet",
                "cc-by",
                True,
            )
            assert photo.caption
            for field, side in [
                ("image", 1200),
                ("thumb_small", 320),
                ("thumb_medium", 800),
                ("thumb_large", 1200),  # never larger than the stored photo
            ]:
                with getattr(photo, field).open("rb") as stored, Image.open(stored) as image:
                    assert image.format == "JPEG"
                    assert max(image.size) == side, (photo.caption, field)
                    assert not image.getexif()
                    assert "exif" not in image.info
        video = album.items.get(kind="video")
        assert video.video_url.startswith("https://www.youtube.com/watch?v=")
        with video.video_thumbnail.open("rb") as stored, Image.open(stored) as image:
            assert not image.getexif()
    assert MediaItem.objects.count() == 18


def test_seeding_again_writes_no_new_files(demo):
    root = demo.media_root
    files = sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())
    MediaItem.objects.all().delete()
    Album.objects.all().delete()

    call_command("seed_demo")  # the albums come back, on the files already drawn

    assert sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file()) == files
    assert len(files) == 2 * (8 * 4 + 1)
    assert MediaItem.objects.filter(kind="photo", processing="ready").count() == 16

"""A scenario world for the authorisation matrix: real objects that belong to one teacher (the
lead, Olga), and the people who try to reach them.

Every private thing Olga owns carries a marker (a string found nowhere else); MARKERS says which
roles may see each one. The matrix test checks every response against it: a marker on a page of
someone not in its audience is a leak, whatever the status code."""

import datetime
import io
from dataclasses import dataclass, field

from allauth.mfa.models import Authenticator
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from awards.models import Evidence
from collaborations.models import JoinRequest
from collaborations.services.diary import diary_post_create
from conferences.models import Application, Session, WaitlistOffer
from core.emails.registry import registered
from core.exports import exporters
from gallery.models import Album, MediaItem
from reports.models import ReportFile, ReportRun
from tests.factories import (
    AssignmentFactory,
    AwardCategoryFactory,
    AwardCycleFactory,
    CollaborationFactory,
    CountryFactory,
    CriterionFactory,
    CycleJudgeFactory,
    EditionFactory,
    EntryFactory,
    InvitationFactory,
    JudgeFactory,
    MembershipFactory,
    StaffFactory,
    StageFactory,
    SurveyFactory,
    SurveyInvitationFactory,
    SurveyQuestionFactory,
    SurveySectionFactory,
    TeacherProfileFactory,
)

# The columns, in the order of the codes in MATRIX (tests/security/world_matrix.py).
ROLES = (
    "anonymous",
    "unverified",  # a teacher whose profile staff have not verified yet
    "teacher",  # a verified teacher with no tie to Olga
    "other_teacher",  # a verified teacher of Olga's own school
    "member",  # a teacher of a partner school in Olga's collaboration
    "lead",  # Olga: she leads it, applied to the conference, entered the Awards
    "judge",  # a judge of the cycle, assigned to Olga's entry
    "other_judge",  # a judge of the same cycle, not assigned to it
    "staff",
)

# Olga's private things, and who may see them.
MARKERS = {
    "zq-diary-members-only-7f3a": {"member", "lead", "staff"},
    "zq-motivation-9c1b": {"lead", "staff"},
    "zq-dietary-4e2d": {"lead", "staff"},
    # Blind judging: every judge of the cycle sees the start of each statement (and no school
    # or title) on the conflicts page, to declare the entries they cannot judge.
    "zq-entry-statement-2d4e": {"lead", "judge", "other_judge", "staff"},
    "zq-join-message-5a6b": {"lead", "staff"},
    "zq-hidden-caption-8c9d": {"staff"},
    # The teachers of a collaboration see each other's addresses (show_contacts), to work together.
    "olga.private.mail@school.example": {"lead", "member", "staff"},
}


def _jpeg(name: str = "photo.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role -> User (None for anonymous)
    kwargs: dict = field(default_factory=dict)  # URL parameter -> value, per namespace
    # Pages that the routes' own objects do not reach, for the hostile-input sweep: (role, path)
    extra_pages: list = field(default_factory=list)


def build_world() -> World:
    world = World()
    fi, jp, pt = CountryFactory(code="FI"), CountryFactory(code="JP"), CountryFactory(code="PT")
    lead = TeacherProfileFactory(
        user__country=fi,
        user__email="olga.private.mail@school.example",
        user__full_name="Olga Lead",
    )
    lead.photo.save("olga.jpg", ContentFile(_jpeg().read()), save=False)
    lead.photo_thumbnail.save("olga-thumb.jpg", ContentFile(_jpeg().read()), save=True)
    member = TeacherProfileFactory(user__country=jp, user__full_name="Kenji Member")
    teacher = TeacherProfileFactory(user__country=pt, user__full_name="Teresa Teacher")
    other = TeacherProfileFactory(
        user__country=fi, school=lead.school, user__full_name="Outi Colleague"
    )
    unverified = TeacherProfileFactory(pending=True, user__full_name="Ulla Unverified")
    requester = TeacherProfileFactory(user__country=jp, user__full_name="Rie Requester")
    invitee = TeacherProfileFactory(user__country=pt, user__full_name="Ines Invitee")
    staff = StaffFactory(full_name="Sam Staff")

    # A running collaboration with a members-only post and photo, a public post, a join
    # request waiting for Olga and an invitation she sent.
    collaboration = CollaborationFactory(lead=lead, status="running", title="Rivers and rain")
    membership = MembershipFactory(collaboration=collaboration, teacher=member)
    secret_post = diary_post_create(
        collaboration=collaboration,
        by=member.user,
        text="zq-diary-members-only-7f3a: our pupils' names are on the board.",
        visibility="members",
        photos=[_jpeg()],
        consent=True,
    )
    diary_post_create(
        collaboration=collaboration, by=lead.user, text="We sampled the river.", visibility="public"
    )
    join_request = JoinRequest.objects.create(
        collaboration=collaboration,
        teacher=requester,
        school=requester.school,
        student_count=20,
        message="zq-join-message-5a6b: may we join?",
    )
    invitation = InvitationFactory(collaboration=collaboration, invitee=invitee)

    # The edition she applied to (with dietary needs) and an offer of a place from the waitlist.
    edition = EditionFactory(number=31, status="applications_open", title="Tokyo edition")
    session = Session.objects.create(
        edition=edition,
        kind="plenary",
        title="Opening",
        starts_at=timezone.now() + datetime.timedelta(days=30),
        ends_at=timezone.now() + datetime.timedelta(days=30, hours=1),
    )
    application = Application.objects.create(
        edition=edition,
        teacher=lead,
        school=lead.school,
        motivation="zq-motivation-9c1b: I teach STEM to girls.",
        needs_dietary="zq-dietary-4e2d",
        status="waitlisted",
    )
    offer = WaitlistOffer.objects.create(
        application=application,
        token="offer-token-of-olga-0123456789",
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )

    # Her Awards entry (a completed collaboration of hers), evidence as a file, two judges.
    cycle = AwardCycleFactory(edition=edition, status="judging")
    stage = StageFactory(cycle=cycle)
    CriterionFactory(cycle=cycle, name="Collaboration between Asia and Europe")
    CriterionFactory(cycle=cycle, name="Learning of the students")
    entry = EntryFactory(
        cycle=cycle,
        submitted_by=lead,
        category=AwardCategoryFactory(cycle=cycle),
        statement="zq-entry-statement-2d4e: what our classes did.",
    )
    evidence = Evidence(entry=entry, title="Our report")
    evidence.file.save("report.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    judge = JudgeFactory(full_name="Jun Judge")
    cycle_judge = CycleJudgeFactory(cycle=cycle, user=judge)
    assignment = AssignmentFactory(stage=stage, entry=entry, judge=cycle_judge)
    other_judge = JudgeFactory(full_name="Otto Other-Judge")
    CycleJudgeFactory(cycle=cycle, user=other_judge)

    # A cycle open for entries, where her entry of another collaboration is still a draft.
    now = timezone.now()
    open_cycle = AwardCycleFactory(
        edition=EditionFactory(number=32, status="published", title="Next edition"),
        status="open",
        entries_open_at=now - datetime.timedelta(days=1),
        entries_close_at=now + datetime.timedelta(days=30),
    )
    draft = EntryFactory(
        cycle=open_cycle,
        submitted_by=lead,
        category=AwardCategoryFactory(cycle=open_cycle),
        status="draft",
        submitted_at=None,
    )

    # A survey she is invited to; an album of her collaboration with a hidden photo.
    survey = SurveyFactory(title="Network survey", anonymous=False)
    section = SurveySectionFactory(survey=survey)
    question = SurveyQuestionFactory(section=section)
    SurveyInvitationFactory(survey=survey, user=lead.user)
    album = Album.objects.create(
        collaboration=collaboration, title="Field trip", created_by=lead.user
    )
    hidden = MediaItem.objects.create(
        album=album,
        kind="photo",
        caption="zq-hidden-caption-8c9d",
        credit="Olga",
        licence="cc-by",
        consent_confirmed=True,
        uploaded_by=lead.user,
        image=_jpeg("hidden.jpg"),
        processing="ready",
        hidden=True,
        hidden_reason="A pupil's face",
    )

    # A staff report run with a file; a security key of someone else's (a role's own key would
    # need real WebAuthn credentials: the passkey browser test makes those).
    run = ReportRun.objects.create(
        kind="edition", edition=edition, title="Edition report", requested_by=staff, status="done"
    )
    report_file = ReportFile(run=run, format="csv", filename="report.csv", size=4)
    report_file.file.save("report.csv", ContentFile(b"a,b\n"), save=True)
    key = Authenticator.objects.create(
        user=requester.user, type=Authenticator.Type.WEBAUTHN, data={"name": "Rie's key"}
    )

    world.users = {
        "anonymous": None,
        "unverified": unverified.user,
        "teacher": teacher.user,
        "other_teacher": other.user,
        "member": member.user,
        "lead": lead.user,
        "judge": judge,
        "other_judge": other_judge,
        "staff": staff,
    }
    world.extra_pages = [
        ("lead", reverse("awards:entry_edit", args=[draft.pk])),
        ("lead", reverse("awards:entry_create", args=[open_cycle.edition.number])),
    ]
    exporter = exporters()[0]
    world.kwargs = {
        # URL parameters by (scope, name). Scope "ns:prefix|prefix": the routes of that namespace
        # whose names start so; "ns": the rest of the namespace; None: any route
        (None, "number"): edition.number,
        ("teachers", "pk"): lead.pk,
        ("staff", "pk"): lead.pk,
        ("staff:school", "pk"): lead.school.pk,
        ("emails", "key"): registered()[0].key,
        ("conferences_staff", "pk"): application.pk,
        ("conferences_staff:session", "pk"): session.pk,
        ("conferences_staff", "kind"): "approved",
        ("awards_staff", "stage"): stage.kind,
        ("awards_staff:stage", "stage"): stage.pk,
        ("awards_staff", "judge"): cycle_judge.pk,
        ("surveys_staff", "pk"): survey.pk,
        ("surveys_staff", "section"): section.pk,
        ("surveys_staff", "question"): question.pk,
        ("surveys_staff", "format"): "csv",
        ("surveys", "pk"): survey.pk,
        ("reports", "pk"): run.pk,
        ("reports", "format"): "csv",
        ("reports", "name"): exporter.name,
        ("gallery", "pk"): album.pk,
        ("gallery:item_file|item_hide|item_unhide|item_delete", "pk"): hidden.pk,
        ("gallery", "field"): "image",
        ("schools", "pk"): lead.school.pk,
        ("schools", "slug"): lead.school.slug,
        ("collaborations", "pk"): collaboration.pk,
        ("collaborations", "slug"): collaboration.slug,
        ("collaborations", "request_pk"): join_request.pk,
        ("collaborations", "membership_pk"): membership.pk,
        ("collaborations", "post_pk"): secret_post.pk,
        ("collaborations", "photo_pk"): secret_post.photos.get().pk,
        ("collaborations", "teacher_pk"): invitee.pk,
        ("collaborations:invitation", "pk"): invitation.pk,
        ("conferences", "token"): offer.token,
        ("awards", "pk"): entry.pk,
        ("awards:evidence", "pk"): evidence.pk,
        ("awards:scorecard", "pk"): assignment.pk,
        ("awards", "token"): cycle_judge.token,
        (None, "pk"): key.pk,  # allauth's security keys
        (None, "key"): "no-such-key",  # allauth's e-mail confirmation
        (None, "uidb36"): "1",
    }
    return world

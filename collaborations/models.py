from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from conferences.models import Edition
from core.files import MediaStorage, is_private_name, private_name
from schools.models import Language, Region, School
from teachers.models import MAX_STUDENT_AGE, MIN_STUDENT_AGE, Subject, TeacherProfile


class Theme(models.Model):
    """A free tag on collaborations ("climate", "robotics"), shared so that tags group."""

    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [models.UniqueConstraint(Lower("name"), name="theme_unique_name")]

    def __str__(self) -> str:
        return self.name


class WantedRegion(models.TextChoices):
    ASIA = Region.ASIA.value, _("Asia")
    EUROPE = Region.EUROPE.value, _("Europe")
    ANY = "any", _("Asia or Europe")


class CollaborationQuerySet(models.QuerySet):
    def public(self) -> "CollaborationQuerySet":
        """What visitors may see: everything but drafts."""
        return self.exclude(status=Collaboration.Status.DRAFT)


class Collaboration(models.Model):
    """A project classes in Asia and Europe run together. The proposer leads it; schools join
    through requests the leads accept, up to the number of partner schools the lead set."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for partners")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        ARCHIVED = "archived", _("Archived")

    class Kind(models.TextChoices):
        ONLINE = "online", _("Online collaboration")
        EXCHANGE = "exchange", _("School exchange")

    title = models.CharField(_("title"), max_length=150)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), max_length=10000)
    subjects = models.ManyToManyField(Subject, verbose_name=_("subjects"), related_name="+")
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ONLINE)
    student_age_min = models.PositiveSmallIntegerField(_("youngest students (age)"))
    student_age_max = models.PositiveSmallIntegerField(_("oldest students (age)"))
    languages = models.ManyToManyField(
        Language, verbose_name=_("working languages"), related_name="+"
    )
    ict_tools = models.CharField(
        _("ICT tools"), max_length=300, blank=True, help_text=_("e.g. Padlet, Zoom, Scratch")
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    partner_schools_wanted = models.PositiveSmallIntegerField(
        _("partner schools wanted"),
        help_text=_("How many schools may join besides yours (1 to 20)."),
    )
    wanted_region = models.CharField(
        _("partners wanted from"),
        max_length=10,
        choices=WantedRegion.choices,
        default=WantedRegion.ANY,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    initiated_at = models.ForeignKey(
        Edition,
        verbose_name=_("initiated at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collaborations_initiated",
        help_text=_("The ClassNet Conference where the partners met, if any."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CollaborationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="collaboration_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    student_age_min__gte=MIN_STUDENT_AGE,
                    student_age_max__lte=MAX_STUDENT_AGE,
                    student_age_min__lte=models.F("student_age_max"),
                ),
                name="collaboration_ages_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(partner_schools_wanted__gte=1, partner_schools_wanted__lte=20),
                name="collaboration_places_range",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["draft", "open", "running", "completed", "archived"]
                ),
                name="collaboration_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="collab_status_created"),
            models.Index(fields=["status", "wanted_region"], name="collab_status_wanted"),
            models.Index(fields=["student_age_min", "student_age_max"], name="collab_ages"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collaborations:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        return slugify(self.title)[:60] or "collaboration"

    @property
    def accepts_requests(self) -> bool:
        return self.status in {self.Status.OPEN, self.Status.RUNNING}


class Membership(models.Model):
    """A school in a collaboration, with the teacher who takes part for it and how many of
    their students do (a count: students are minors, the portal never stores who they are)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        CO_LEAD = "co_lead", _("Co-lead")
        MEMBER = "member", _("Member")

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="memberships"
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="memberships")
    teacher = models.ForeignKey(
        TeacherProfile, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    student_count = models.PositiveSmallIntegerField(_("students taking part"))
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "school"], name="membership_one_per_school"
            ),
            models.UniqueConstraint(
                fields=["collaboration"],
                condition=models.Q(role="lead"),
                name="membership_one_lead",
            ),
            models.CheckConstraint(
                condition=models.Q(student_count__gte=1, student_count__lte=500),
                name="membership_student_count_range",
            ),
        ]
        indexes = [models.Index(fields=["teacher", "collaboration"], name="membership_teacher")]

    def __str__(self) -> str:
        return f"{self.school} in {self.collaboration}"

    @property
    def is_lead(self) -> bool:
        return self.role in {self.Role.LEAD, self.Role.CO_LEAD}


class JoinRequest(models.Model):
    """A teacher asks for their school to join; a lead accepts or declines with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="join_requests"
    )
    teacher = models.ForeignKey(
        TeacherProfile, on_delete=models.CASCADE, related_name="join_requests"
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    student_count = models.PositiveSmallIntegerField(_("students taking part"))
    message = models.TextField(_("message to the leads"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    reminded_at = models.DateTimeField(
        _("leads reminded"),
        null=True,
        blank=True,
        help_text=_("When the leads were reminded of the unanswered request (once only)."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "school"],
                condition=models.Q(status="pending"),
                name="joinrequest_one_pending_per_school",
            ),
            models.CheckConstraint(
                condition=models.Q(student_count__gte=1, student_count__lte=500),
                name="joinrequest_student_count_range",
            ),
        ]
        indexes = [
            models.Index(fields=["collaboration", "status"], name="joinrequest_collab_status"),
            models.Index(fields=["status", "created_at"], name="joinrequest_status_created"),
        ]

    def __str__(self) -> str:
        return f"{self.school} → {self.collaboration}"


class Invitation(models.Model):
    """A lead (or co-lead) invites a verified teacher found in the directory to join with their
    school; the teacher accepts (giving their student count) or declines. The same rules as a
    join request decide whether the school may join: places, membership, one pending at once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="invitations"
    )
    invitee = models.ForeignKey(
        TeacherProfile,
        verbose_name=_("invited teacher"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.TextField(_("message to the teacher"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "school"],
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_school",
            ),
            models.UniqueConstraint(
                fields=["collaboration", "invitee"],
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_teacher",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "accepted", "declined", "withdrawn"]),
                name="invitation_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["invitee", "status"], name="invitation_invitee_status"),
            models.Index(fields=["collaboration", "status"], name="invitation_collab_status"),
        ]

    def __str__(self) -> str:
        return f"{self.collaboration} → {self.school}"

    def get_absolute_url(self) -> str:
        return reverse("collaborations:invitation", kwargs={"pk": self.pk})

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


MAX_PHOTOS_PER_POST = 6


def diary_photo_path(instance, filename: str) -> str:
    # the name is random (process_image): it says nothing about the school or the students;
    # the photo of a page that not everyone may see is stored privately (core.files)
    name = f"collaborations/diary/{filename}"
    return name if instance.post.files_are_public else private_name(name)


class DiaryPost(models.Model):
    """An update a member posts to the collaboration's diary: text and up to six photos, for the
    members only or for everyone who may see the collaboration."""

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("Members only")
        PUBLIC = "public", _("Public")

    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(TeacherProfile, on_delete=models.PROTECT, related_name="diary_posts")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("text"), max_length=5000)
    visibility = models.CharField(
        _("who can see it"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("diary post")
        verbose_name_plural = _("diary posts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility__in=["members", "public"]),
                name="diarypost_visibility_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["collaboration", "visibility", "-created_at"],
                name="diarypost_collab_vis_created",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} in {self.collaboration} ({self.created_at:%Y-%m-%d})"

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def files_are_public(self) -> bool:
        """Whether the post's photos may have public URLs: a public post of a collaboration that
        everyone may see (not a draft). Otherwise only the permission-checked view serves them."""
        return self.is_public and self.collaboration.status != Collaboration.Status.DRAFT


class DiaryPhoto(models.Model):
    """A photo of a diary post, re-encoded without EXIF or GPS, with a square thumbnail."""

    post = models.ForeignKey(DiaryPost, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=diary_photo_path, storage=MediaStorage())
    thumbnail = models.ImageField(
        upload_to=diary_photo_path, storage=MediaStorage(), editable=False
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("diary photo")
        verbose_name_plural = _("diary photos")

    def __str__(self) -> str:
        return self.caption or self.image.name

    def _url(self, fieldfile, view_name: str) -> str:
        if is_private_name(fieldfile.name):
            return reverse(f"collaborations:{view_name}", args=[self.pk])
        return fieldfile.url

    @property
    def image_url(self) -> str:
        """The photo's address: its public file, or the view that checks who asks."""
        return self._url(self.image, "diary_photo")

    @property
    def thumbnail_url(self) -> str:
        return self._url(self.thumbnail, "diary_thumbnail")

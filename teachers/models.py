from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.files import MediaStorage, private_name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("an email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in: logs in with their e-mail address. Roles live in groups and
    in the teacher profile, not here."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    # A name written in another script may carry its Latin letters (김민지: Kim Min-ji), shown
    # beside it on certificates and pages, and found by search.
    name_latin = models.CharField(_("name in Latin letters"), max_length=150, blank=True)
    country = models.ForeignKey(
        "schools.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )

    @property
    def latin_letters(self) -> str:
        """The Latin letters to show beside the name ("" when none, or the same as the name)."""
        return self.name_latin if self.name_latin != self.full_name else ""

    @property
    def display_name(self) -> str:
        """The name as the person writes it, with its Latin letters when they gave them."""
        if self.latin_letters:
            return f"{self.full_name} ({self.latin_letters})"
        return self.full_name

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]
        # The teacher directory lists by name: read in index order, not sorted every time.
        indexes = [models.Index(fields=["full_name", "id"], name="user_full_name")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        # No "first name": family names come first in much of Asia (Nguyen Thi Lan, Kim Min-jun).
        return self.full_name or self.email


class Subject(models.Model):
    """A school subject a teacher teaches (and, later, that a collaboration is about)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")

    def __str__(self) -> str:
        return self.name


def teacher_photo_path(instance, filename: str) -> str:
    """Always private: a teacher's page is for signed-in verified teachers and staff only, so
    the photo is served by teachers:photo after teachers.view_photo, never from MEDIA_URL."""
    return private_name(f"teachers/photos/{filename}")


MIN_STUDENT_AGE = 10
MAX_STUDENT_AGE = 21


class TeacherProfileQuerySet(models.QuerySet):
    def verified(self) -> "TeacherProfileQuerySet":
        return self.filter(verification=TeacherProfile.Verification.VERIFIED, user__is_active=True)


class TeacherProfile(models.Model):
    """What makes a user a teacher: their school and teaching, verified by staff.

    Staff verify the school affiliation; choosing another school asks for verification again.
    """

    class Verification(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="teacher_profile", verbose_name=_("user")
    )
    school = models.ForeignKey(
        "schools.School",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teachers",
    )
    subjects = models.ManyToManyField(
        Subject, verbose_name=_("subjects taught"), related_name="teachers", blank=True
    )
    languages = models.ManyToManyField(
        "schools.Language",
        verbose_name=_("languages spoken"),
        related_name="teachers",
        blank=True,
    )
    student_age_min = models.PositiveSmallIntegerField(
        _("youngest students (age)"), null=True, blank=True
    )
    student_age_max = models.PositiveSmallIntegerField(
        _("oldest students (age)"), null=True, blank=True
    )
    bio = models.TextField(
        _("short bio in English"),
        max_length=1000,
        blank=True,
        help_text=_("A few lines partners will read: what you teach and what you hope to do."),
    )
    photo = models.ImageField(
        _("photo"), upload_to=teacher_photo_path, storage=MediaStorage(), blank=True
    )
    photo_thumbnail = models.ImageField(
        upload_to=teacher_photo_path, storage=MediaStorage(), blank=True, editable=False
    )
    verification = models.CharField(
        _("verification"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.PENDING,
        db_index=True,
    )
    verification_note = models.TextField(_("reason"), blank=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TeacherProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("teacher profile")
        verbose_name_plural = _("teacher profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(verification__in=["pending", "verified", "rejected"]),
                name="teacherprofile_verification_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(student_age_min__isnull=True)
                | models.Q(
                    student_age_min__gte=MIN_STUDENT_AGE, student_age_min__lte=MAX_STUDENT_AGE
                ),
                name="teacherprofile_age_min_range",
            ),
            models.CheckConstraint(
                condition=models.Q(student_age_max__isnull=True)
                | models.Q(
                    student_age_max__gte=MIN_STUDENT_AGE, student_age_max__lte=MAX_STUDENT_AGE
                ),
                name="teacherprofile_age_max_range",
            ),
            models.CheckConstraint(
                condition=models.Q(student_age_min__isnull=True)
                | models.Q(student_age_max__isnull=True)
                | models.Q(student_age_min__lte=models.F("student_age_max")),
                name="teacherprofile_age_order",
            ),
            models.CheckConstraint(
                condition=~models.Q(verification="verified") | models.Q(school__isnull=False),
                name="teacherprofile_verified_has_school",
            ),
        ]
        indexes = [
            models.Index(fields=["verification", "school"], name="teacher_verification_school"),
            models.Index(
                fields=["verification", "student_age_min", "student_age_max"],
                name="teacher_verification_ages",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("teachers:detail", kwargs={"pk": self.pk})

    @property
    def is_verified(self) -> bool:
        return self.verification == self.Verification.VERIFIED

    @property
    def photo_url(self) -> str:
        """The permission-checked address of the photo ("" without one)."""
        return reverse("teachers:photo", args=[self.pk]) if self.photo else ""

    @property
    def photo_thumbnail_url(self) -> str:
        return reverse("teachers:photo_thumbnail", args=[self.pk]) if self.photo_thumbnail else ""

    @property
    def is_pending(self) -> bool:
        return self.verification == self.Verification.PENDING

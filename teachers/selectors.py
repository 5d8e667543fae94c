"""Reads about people, with their queries decided here."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.audit.models import AuditEntry
from core.files import PRIVATE_PREFIX
from core.search.folding import forgiving_filter
from schools.models import Country, Language, School

from .models import Subject, TeacherProfile


@dataclass(frozen=True)
class TeacherFilters:
    region: str = ""
    country: Country | None = None
    subject: Subject | None = None
    language: Language | None = None
    student_age: int | None = None
    query: str = ""


def subjects_for_choice() -> QuerySet[Subject]:
    """Subjects as a person picks them: by name."""
    return Subject.objects.order_by("name")


def own_teacher_profile(*, user) -> TeacherProfile | None:
    """The person's own teacher profile with their school and its country, or None (staff and
    judges have none)."""
    return TeacherProfile.objects.select_related("school__country").filter(user=user).first()


def recent_people_activity(*, limit: int) -> list[AuditEntry]:
    """The newest actions on people and schools, by staff and by teachers, for the staff home,
    with who acted and the record acted on (its teacher's user too), in three queries.
    Conferences and Awards keep their own history on their own pages: here, people and
    schools."""
    kinds = ContentType.objects.get_for_models(TeacherProfile, School).values()
    return list(
        AuditEntry.objects.filter(target_type__in=kinds)
        .select_related("actor", "target_type")
        .prefetch_related(
            GenericPrefetch(
                "target", [TeacherProfile.objects.select_related("user"), School.objects.all()]
            )
        )[:limit]
    )


def _with_teaching() -> list[Prefetch]:
    return [
        Prefetch("subjects", queryset=Subject.objects.order_by("name")),
        Prefetch("languages", queryset=Language.objects.order_by("name")),
    ]


def teachers_for_directory(*, filters: TeacherFilters) -> QuerySet[TeacherProfile]:
    """Verified teachers for partner finding: school, country, subjects and languages come
    with them in a fixed number of queries. Never their e-mail addresses."""
    teachers = TeacherProfile.objects.verified()
    if filters.region:
        teachers = teachers.filter(school__country__region=filters.region)
    if filters.country:
        teachers = teachers.filter(school__country=filters.country)
    if filters.subject:
        teachers = teachers.filter(subjects=filters.subject)
    if filters.language:
        teachers = teachers.filter(languages=filters.language)
    if filters.student_age is not None:
        teachers = teachers.filter(
            student_age_min__lte=filters.student_age, student_age_max__gte=filters.student_age
        )
    if filters.query:
        teachers = forgiving_filter(
            teachers, ["user__full_name", "user__name_latin", "school__name"], filters.query
        )
    return (
        teachers.select_related("user", "school__country")
        .prefetch_related(*_with_teaching())
        # user_id, not pk, breaks ties: then the index on (full_name, id) gives the order.
        .order_by("user__full_name", "user_id")
    )


def profile_with_user(*, pk: int) -> TeacherProfile:
    """Any teacher's profile with their account (their photo's view). Raises DoesNotExist."""
    return TeacherProfile.objects.select_related("user").get(pk=pk)


def teacher_for_page(*, pk: int) -> TeacherProfile:
    """One verified teacher as another verified teacher sees them."""
    return (
        TeacherProfile.objects.verified()
        .select_related("user", "school__country")
        .prefetch_related(*_with_teaching())
        .get(pk=pk)
    )


def teachers_for_review() -> QuerySet[TeacherProfile]:
    """Any teacher, in any verification state, with what staff's review and edit pages show."""
    return TeacherProfile.objects.select_related(
        "user__country", "school__country", "school__proposed_by"
    ).prefetch_related(*_with_teaching())


def teachers_awaiting_verification() -> QuerySet[TeacherProfile]:
    """The staff queue: teachers who named a school and wait, oldest first."""
    return (
        TeacherProfile.objects.filter(
            verification=TeacherProfile.Verification.PENDING,
            school__isnull=False,
            user__is_active=True,
        )
        .select_related("user__country", "school__country")
        .prefetch_related(*_with_teaching())
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[tuple[str, str]] = field(default_factory=list)  # (what, where to add it)

    @property
    def is_complete(self) -> bool:
        return not self.missing


def profile_completeness(*, profile: TeacherProfile) -> Completeness:
    """How complete a teacher's profile is, and what to add next, with links."""
    edit = reverse("teachers:profile_edit")
    checks = [
        (bool(profile.school_id), _("your school"), reverse("teachers:school_choose")),
        (profile.subjects.exists(), _("the subjects you teach"), edit),
        (profile.languages.exists(), _("the languages you speak"), edit),
        (
            profile.student_age_min is not None and profile.student_age_max is not None,
            _("your students' ages"),
            edit,
        ),
        (bool(profile.bio), _("a short bio"), edit),
        (bool(profile.photo), _("a photo"), edit),
    ]
    done = sum(1 for ok, _label, _url in checks if ok)
    return Completeness(
        percent=round(100 * done / len(checks)),
        missing=[(label, url) for ok, label, url in checks if not ok],
    )


# --- For the reports (network statistics) ---------------------------------------------------


def verified_teachers() -> QuerySet[TeacherProfile]:
    """Verified, active teachers, as the directory counts them (the statistics count them per
    country of their school, in a subquery)."""
    return TeacherProfile.objects.verified()


def profiles_with_public_photos():
    """Profiles whose photo files are still under the public storage (names without the
    private prefix): the teacher_photos_privatise command."""
    return (
        TeacherProfile.objects.exclude(photo="")
        .exclude(photo__startswith=PRIVATE_PREFIX, photo_thumbnail__startswith=PRIVATE_PREFIX)
        .order_by("pk")
        .iterator(chunk_size=200)
    )

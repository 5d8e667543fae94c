"""Partner matching: open collaborations a teacher could join, and teachers a lead could invite,
each with one line saying why.

The score is computed in SQL (shared subjects and languages, overlapping student ages, and
whether the teacher's region is one the collaboration still needs), so that only the few best
rows are fetched; the reasons are written here from those rows and their prefetched shared
subjects and languages. A fixed number of queries however many collaborations or teachers
there are.
"""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from schools.models import Language, Region
from teachers.models import Subject, TeacherProfile

from ..models import Collaboration, Invitation, JoinRequest, Membership, WantedRegion
from .collaborations import bi_regional, with_places

# What a match is worth: a shared subject weighs most, a region the project needs about as
# much as two shared subjects (it is what makes a collaboration bi-regional).
SUBJECT_WEIGHT = 3
LANGUAGE_WEIGHT = 2
AGES_WEIGHT = 1
REGION_WEIGHT = 5
ITEMS_NAMED = 3  # shared subjects and languages a reason names at most


@dataclass(frozen=True)
class Suggestion:
    collaboration: Collaboration
    score: int
    reason: str


@dataclass(frozen=True)
class TeacherSuggestion:
    profile: TeacherProfile
    score: int
    reason: str


def _ages_overlap(*, age_min: int | None, age_max: int | None) -> Case | Value:
    """1 when the row's student ages overlap age_min..age_max, else 0 (also when not given)."""
    if age_min is None or age_max is None:
        return Value(0)
    return Case(
        When(
            student_age_min__isnull=False,
            student_age_max__isnull=False,
            student_age_min__lte=age_max,
            student_age_max__gte=age_min,
            then=Value(1),
        ),
        default=Value(0),
        output_field=IntegerField(),
    )


def _score() -> F:
    return (
        F("shared_subjects") * SUBJECT_WEIGHT
        + F("shared_languages") * LANGUAGE_WEIGHT
        + F("ages_overlap") * AGES_WEIGHT
        + F("region_needed") * REGION_WEIGHT
    )


def _shares(subjects: list, languages: list) -> str:
    """Like "shares Physics and English": at most ITEMS_NAMED names, subjects first."""
    names = [s.name for s in subjects] + [language.name for language in languages]
    if not names:
        return ""
    if len(names) > ITEMS_NAMED:
        more = len(names) - (ITEMS_NAMED - 1)
        names = [
            *names[: ITEMS_NAMED - 1],
            ngettext("%(count)d more", "%(count)d more", more) % {"count": more},
        ]
    return _("shares %(items)s") % {"items": get_text_list(names, _("and"))}


def _ages(age_min: int, age_max: int) -> str:
    return _("students aged %(min)d–%(max)d") % {"min": age_min, "max": age_max}


def _region_needed(region: str) -> str:
    return _("from %(region)s, which this project needs") % {"region": Region(region).label}


def _reason(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


# --- For a teacher: collaborations to join ----------------------------------------------------


def collaborations_suggested_for(*, profile: TeacherProfile, limit: int = 5) -> list[Suggestion]:
    """Public collaborations that take requests, have a place left and that the teacher's school
    is neither in nor waiting for (a request, or an invitation to answer), best match first.
    Collaborations that look for partners from the other region only are left out (the lead
    asked for someone else), and so are those that
    share nothing with the teacher. Needs profile.school.country (three queries when it is
    loaded: the collaborations, their shared subjects, their shared languages)."""
    if profile.school_id is None:
        return []
    region = profile.school.country.region
    my_subjects = Subject.objects.filter(teachers=profile)
    my_languages = Language.objects.filter(teachers=profile)
    has_my_region = Exists(
        Membership.objects.filter(collaboration=OuterRef("pk"), school__country__region=region)
    )
    candidates = (
        with_places(
            Collaboration.objects.public().filter(
                status__in=[Collaboration.Status.OPEN, Collaboration.Status.RUNNING],
                wanted_region__in=[region, WantedRegion.ANY],
            )
        )
        .filter(places_left__gt=0)
        .exclude(
            pk__in=Membership.objects.filter(school_id=profile.school_id).values("collaboration")
        )
        .exclude(
            pk__in=JoinRequest.objects.filter(
                school_id=profile.school_id, status=JoinRequest.Status.PENDING
            ).values("collaboration")
        )
        .exclude(
            pk__in=Invitation.objects.filter(
                school_id=profile.school_id, status=Invitation.Status.PENDING
            ).values("collaboration")
        )
        .annotate(
            shared_subjects=Count("subjects", filter=Q(subjects__in=my_subjects), distinct=True),
            shared_languages=Count(
                "languages", filter=Q(languages__in=my_languages), distinct=True
            ),
            ages_overlap=_ages_overlap(
                age_min=profile.student_age_min, age_max=profile.student_age_max
            ),
            region_needed=Case(When(has_my_region, then=Value(0)), default=Value(1)),
        )
        .annotate(score=_score())
        .filter(score__gt=0)
        .prefetch_related(
            Prefetch(
                "subjects",
                queryset=Subject.objects.filter(teachers=profile).order_by("name"),
                to_attr="shared_subject_list",
            ),
            Prefetch(
                "languages",
                queryset=Language.objects.filter(teachers=profile).order_by("name"),
                to_attr="shared_language_list",
            ),
        )
        .order_by("-score", "-created_at", "-pk")[:limit]
    )
    suggestions = []
    for collaboration in candidates:
        shares = _shares(collaboration.shared_subject_list, collaboration.shared_language_list)
        reason = _reason(
            shares,
            _ages(collaboration.student_age_min, collaboration.student_age_max)
            if collaboration.ages_overlap and not shares
            else "",
            _region_needed(region) if collaboration.region_needed else "",
        )
        suggestions.append(Suggestion(collaboration, collaboration.score, reason))
    return suggestions


# --- For a lead: teachers to invite -----------------------------------------------------------


def regions_needed(collaboration: Collaboration) -> tuple[set[str], bool]:
    """Where partners should come from, and whether that region is missing for the Awards: the
    missing region while the collaboration is not bi-regional; once it is, the region the lead
    wants partners from (both for "any")."""
    present = bi_regional(collaboration).regions
    missing = {Region.ASIA.value, Region.EUROPE.value} - set(present)
    if missing:
        return missing, True
    if collaboration.wanted_region != WantedRegion.ANY:
        return {collaboration.wanted_region}, False
    return {Region.ASIA.value, Region.EUROPE.value}, False


def teachers_suggested_for(
    *, collaboration: Collaboration, limit: int = 5
) -> list[TeacherSuggestion]:
    """Verified teachers from the region the collaboration needs whose school is neither in it
    nor waiting for an answer (to a request or an invitation), best match first (shared
    subjects, languages, student ages).
    Expects the collaboration from collaboration_for_page (memberships, subjects and languages
    prefetched): three queries (the teachers, their shared subjects, their shared languages)."""
    regions, missing = regions_needed(collaboration)
    subject_ids = [s.pk for s in collaboration.subjects.all()]
    language_ids = [language.pk for language in collaboration.languages.all()]
    member_schools = {m.school_id for m in collaboration.memberships.all()}
    teachers = (
        TeacherProfile.objects.verified()
        .filter(school__country__region__in=regions)
        .exclude(school_id__in=member_schools)
        .exclude(
            school_id__in=JoinRequest.objects.filter(
                collaboration=collaboration, status=JoinRequest.Status.PENDING
            ).values("school")
        )
        .exclude(
            school_id__in=Invitation.objects.filter(
                collaboration=collaboration, status=Invitation.Status.PENDING
            ).values("school")
        )
        .annotate(
            shared_subjects=Count("subjects", filter=Q(subjects__in=subject_ids), distinct=True),
            shared_languages=Count(
                "languages", filter=Q(languages__in=language_ids), distinct=True
            ),
            ages_overlap=_ages_overlap(
                age_min=collaboration.student_age_min, age_max=collaboration.student_age_max
            ),
            region_needed=Value(1 if missing else 0),
        )
        .annotate(score=_score())
        .filter(score__gt=0)
        .select_related("user", "school__country")
        .prefetch_related(
            Prefetch(
                "subjects",
                queryset=Subject.objects.filter(pk__in=subject_ids).order_by("name"),
                to_attr="shared_subject_list",
            ),
            Prefetch(
                "languages",
                queryset=Language.objects.filter(pk__in=language_ids).order_by("name"),
                to_attr="shared_language_list",
            ),
        )
        .order_by("-score", "user__full_name", "pk")[:limit]
    )
    suggestions = []
    for profile in teachers:
        teaches = _teaches(profile.shared_subject_list, profile.shared_language_list)
        region = profile.school.country.region
        reason = _reason(
            teaches,
            _ages(profile.student_age_min, profile.student_age_max)
            if profile.ages_overlap and not teaches
            else "",
            _region_needed(region)
            if missing
            else _("from %(region)s") % {"region": Region(region).label},
        )
        suggestions.append(TeacherSuggestion(profile, profile.score, reason))
    return suggestions


def _teaches(subjects: list, languages: list) -> str:
    """Like "teaches Physics, speaks English": at most ITEMS_NAMED names in all."""
    subject_names = [s.name for s in subjects][:ITEMS_NAMED]
    language_names = [language.name for language in languages][: ITEMS_NAMED - len(subject_names)]
    parts = []
    if subject_names:
        parts.append(
            _("teaches %(subjects)s") % {"subjects": get_text_list(subject_names, _("and"))}
        )
    if language_names:
        parts.append(
            _("speaks %(languages)s") % {"languages": get_text_list(language_names, _("and"))}
        )
    return ", ".join(parts)

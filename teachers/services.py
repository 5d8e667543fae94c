"""Writes for people: sign-up, profile, school affiliation, verification, export, erasure."""

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.models import AuditEntry
from core.audit.services import audit_record
from core.files import file_set_private
from core.images import process_image
from core.mail import absolute_file_url, absolute_url, send_templated_email
from core.outbox.selectors import emails_to
from core.outbox.services import emails_erase_for
from schools.models import Country, Language, School
from schools.services import school_propose

from . import privacy
from .errors import TeacherError
from .models import Subject, TeacherProfile, User


@transaction.atomic
def teacher_register(
    *, user: User, full_name: str, country: Country | None, by: User
) -> TeacherProfile:
    """Complete a new sign-up: name and country on the user, and a teacher profile awaiting
    verification by staff. by: the person signing up. Not audited: signing up is no staff
    action, and the staff home's activity would fill with it."""
    user.full_name = full_name.strip()
    user.country = country
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "country"])
    profile, _created = TeacherProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def teacher_profile_update(
    *,
    profile: TeacherProfile,
    full_name: str,
    subjects: Iterable[Subject],
    languages: Iterable[Language],
    student_age_min: int | None,
    student_age_max: int | None,
    bio: str,
    photo=None,
    remove_photo: bool = False,
    name_latin: str | None = None,
    by: User,
) -> TeacherProfile:
    """The teacher (or staff) edits what partners see of them. Staff's edits are recorded;
    the teacher's own are not (they are no staff action). `name_latin` None: unchanged."""
    user = profile.user
    user.full_name = full_name.strip()
    if name_latin is not None:
        user.name_latin = name_latin.strip()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "name_latin"])
    profile.student_age_min, profile.student_age_max = student_age_min, student_age_max
    profile.bio = bio.strip()
    if remove_photo or photo:  # a replaced photo must not stay on storage either
        profile.photo.delete(save=False)
        profile.photo_thumbnail.delete(save=False)
    if photo:
        processed = process_image(photo)
        profile.photo.save(processed.image.name, processed.image, save=False)
        profile.photo_thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
    if profile.verification == TeacherProfile.Verification.REJECTED and by == user:
        # The teacher answered staff's reason: back into the verification queue.
        profile.verification = TeacherProfile.Verification.PENDING
    profile.full_clean(validate_constraints=False)
    profile.save()
    profile.subjects.set(subjects)
    profile.languages.set(languages)
    if by.pk != user.pk:
        audit_record(actor=by, action="teacher.edited", target=profile)
    return profile


@transaction.atomic
def teacher_school_choose(*, profile: TeacherProfile, school: School, by: User) -> TeacherProfile:
    """The teacher (by) names their school. A new school means a new verification."""
    profile = TeacherProfile.objects.select_for_update().get(pk=profile.pk)
    if school.country_id != profile.user.country_id and profile.user.country_id is not None:
        raise TeacherError(
            _("That school is in %(school_country)s, but your account says %(country)s.")
            % {"school_country": school.country, "country": profile.user.country}
        )
    if profile.school_id == school.pk:
        return profile
    profile.school = school
    if profile.verification != TeacherProfile.Verification.PENDING:
        profile.verification = TeacherProfile.Verification.PENDING
        profile.verification_note = ""
        profile.verified_at = None
    profile.save(
        update_fields=["school", "verification", "verification_note", "verified_at", "updated_at"]
    )
    # The note keeps which school: the profile's school changes again later.
    audit_record(actor=by, action="teacher.school_chosen", target=profile, note=str(school))
    return profile


@transaction.atomic
def teacher_school_propose(*, profile: TeacherProfile, by: User, **school_fields) -> School:
    """The teacher (by) could not find their school: propose it and name it as theirs."""
    school = school_propose(by=by, **school_fields)
    teacher_school_choose(profile=profile, school=school, by=by)
    return school


@transaction.atomic
def teacher_verify(*, profile: TeacherProfile, by: User) -> TeacherProfile:
    """Staff confirm the teacher's school affiliation; the teacher is told by e-mail."""
    profile = (
        TeacherProfile.objects.select_for_update(of=("self",))
        .select_related("user", "school")
        .get(pk=profile.pk)
    )
    if profile.school is None:
        raise TeacherError(_("This teacher has not named a school yet."))
    if not profile.school.is_verified:
        raise TeacherError(
            _(
                "%(school)s is still a proposed school. Verify it, or merge it into the school "
                "it repeats, before verifying its teachers."
            )
            % {"school": profile.school}
        )
    if profile.is_verified:
        raise TeacherError(_("%(name)s is already verified.") % {"name": profile.user})
    profile.verification = TeacherProfile.Verification.VERIFIED
    profile.verification_note = ""
    profile.verified_at = timezone.now()
    profile.save(update_fields=["verification", "verification_note", "verified_at", "updated_at"])
    audit_record(actor=by, action="teacher.verified", target=profile)
    send_templated_email(
        template="teacher_verified",
        to=[profile.user.email],
        context={"profile": profile, "url": absolute_url("/me/")},
    )
    return profile


@transaction.atomic
def teacher_reject(*, profile: TeacherProfile, by: User, reason: str) -> TeacherProfile:
    """Staff could not verify the affiliation; the teacher is told why and what to do."""
    reason = reason.strip()
    if not reason:
        raise TeacherError(_("Say why, so that the teacher knows what to change."))
    profile = (
        TeacherProfile.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=profile.pk)
    )
    profile.verification = TeacherProfile.Verification.REJECTED
    profile.verification_note = reason
    profile.verified_at = None
    profile.save(update_fields=["verification", "verification_note", "verified_at", "updated_at"])
    audit_record(actor=by, action="teacher.rejected", target=profile, note=reason)
    send_templated_email(
        template="teacher_rejected",
        to=[profile.user.email],
        context={"profile": profile, "reason": reason, "url": absolute_url("/me/")},
    )
    return profile


def teacher_data_export(*, user: User) -> dict:
    """Everything the portal holds about a person, as JSON-ready data (their right of access)."""
    profile = TeacherProfile.objects.filter(user=user).select_related("school__country").first()
    data: dict = {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "name_latin": user.name_latin,
            "country": user.country.name if user.country else None,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "roles": sorted(user.groups.values_list("name", flat=True)),
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "teacher_profile": None,
        "emails_sent_to_you": [
            {"subject": m.subject, "status": m.status, "created_at": m.created_at.isoformat()}
            for m in emails_to(address=user.email).order_by("created_at")
        ],
        "schools_you_proposed": [
            {"name": school.name, "city": school.city, "country": school.country.name}
            for school in School.objects.filter(proposed_by=user).select_related("country")
        ],
        "activity": [
            {"action": a.action, "at": a.created_at.isoformat(), "note": a.note}
            for a in AuditEntry.objects.filter(actor=user).order_by("created_at")
        ],
    }
    if profile:
        data["teacher_profile"] = {
            "school": str(profile.school) if profile.school else None,
            "school_country": profile.school.country.name if profile.school else None,
            "subjects": sorted(profile.subjects.values_list("name", flat=True)),
            "languages": sorted(profile.languages.values_list("name", flat=True)),
            "student_age_min": profile.student_age_min,
            "student_age_max": profile.student_age_max,
            "bio": profile.bio,
            "photo": absolute_file_url(profile.photo, profile.photo_url),
            "verification": profile.verification,
            "verification_note": profile.verification_note,
            "verified_at": profile.verified_at.isoformat() if profile.verified_at else None,
        }
    for section in privacy.sections():
        data[section.name] = section.export(user)
    return data


@transaction.atomic
def teacher_erase(*, user: User) -> None:
    """Erase a person: personal data goes, anonymous counts stay.

    The user row and teacher profile remain as an anonymous, inactive shell, still linked to
    the school and country, so that a school's number of teachers in past editions stays
    right. Name, e-mail addresses, password, photo, bio and languages are removed; the mail
    sent to them is deleted; nobody can log in as them again.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    old_email = user.email
    profile = TeacherProfile.objects.filter(user=user).first()
    if profile:
        profile.photo.delete(save=False)
        profile.photo_thumbnail.delete(save=False)
        profile.bio = ""
        profile.verification_note = ""
        # Subjects and ages too: with the school, they could single out a small school's
        # only physics teacher. What stays is "a teacher of this school": counts stay right.
        profile.student_age_min = profile.student_age_max = None
        profile.save(
            update_fields=[
                "photo",
                "photo_thumbnail",
                "bio",
                "verification_note",
                "student_age_min",
                "student_age_max",
                "updated_at",
            ]
        )
        profile.languages.clear()
        profile.subjects.clear()
        audit_record(actor=None, action="teacher.erased", target=profile)
    for section in privacy.sections():
        section.erase(user)
    EmailAddress.objects.filter(user=user).delete()
    user.email = f"erased-{user.pk}@invalid"
    user.full_name = _("Former member")
    user.name_latin = ""
    user.is_active = False
    user.is_staff = False
    user.set_unusable_password()
    user.last_login = None
    user.save()
    user.groups.clear()
    emails_erase_for(address=old_email)


@transaction.atomic
def profile_photos_privatise(*, profile: TeacherProfile) -> int:
    """Move the profile's photo and thumbnail to the private storage (the old public copies go
    once the transaction commits). Returns how many files moved."""
    changed = [
        field
        for field in ("photo", "photo_thumbnail")
        if file_set_private(getattr(profile, field), private=True)
    ]
    if changed:
        profile.save(update_fields=changed)
    return len(changed)

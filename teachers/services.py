from django.db import transaction

from schools.models import Country

from .models import TeacherProfile, User


@transaction.atomic
def teacher_register(*, user: User, full_name: str, country: Country | None) -> TeacherProfile:
    """Complete a new sign-up: name and country on the user, and a teacher profile awaiting
    verification by staff."""
    user.full_name = full_name.strip()
    user.country = country
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "country"])
    profile, _ = TeacherProfile.objects.get_or_create(user=user)
    return profile

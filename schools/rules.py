"""Who may do what with schools. Teacher membership is read from the user's profile."""

import rules

from core.roles import is_asef_staff


@rules.predicate
def is_verified_teacher_of_school(user, school) -> bool:
    if school is None or not user.is_authenticated:
        return False
    profile = getattr(user, "teacher_profile", None)
    return profile is not None and profile.is_verified and profile.school_id == school.pk


rules.add_perm("schools.edit_school", is_verified_teacher_of_school | is_asef_staff)
rules.add_perm("schools.verify_school", is_asef_staff)
rules.add_perm("schools.merge_school", is_asef_staff)

"""Who may do what with schools, readable in one file. Teacher membership is read from the
user's profile. The directory and the school pages are public (core.permissions.public)."""

import rules

from core.roles import is_asef_staff


@rules.predicate
def is_verified_teacher_of_school(user, school) -> bool:
    if school is None or not user.is_authenticated:
        return False
    profile = getattr(user, "teacher_profile", None)
    return profile is not None and profile.is_verified and profile.school_id == school.pk


# Correct a school's details: its verified teachers and staff.
rules.add_perm("schools.edit_school", is_verified_teacher_of_school | is_asef_staff)
# Move a school to another country (a field of the edit form): staff only.
rules.add_perm("schools.move_school", is_asef_staff)
# The staff queue of proposed schools and the review of one school: verify it, or merge it.
rules.add_perm("schools.verify_school", is_asef_staff)
rules.add_perm("schools.merge_school", is_asef_staff)

"""Who may do what with people, readable in one file. Predicates combine with & and |."""

import rules

from core.roles import is_asef_staff, is_judge


@rules.predicate
def is_teacher(user) -> bool:
    return bool(user.is_authenticated) and hasattr(user, "teacher_profile")


@rules.predicate
def is_verified_teacher(user) -> bool:
    return is_teacher(user) and user.teacher_profile.is_verified


@rules.predicate
def is_own_profile(user, profile) -> bool:
    return profile is not None and user.is_authenticated and profile.user_id == user.pk


# A signed-in person's own pages under /me/: My ClassNet, their data, deleting the account.
rules.add_perm("teachers.view_dashboard", rules.is_authenticated)
rules.add_perm("teachers.export_own_data", rules.is_authenticated)
rules.add_perm("teachers.delete_own_account", rules.is_authenticated)
# The profile and school pages under /me/, on the person's own teacher profile (None for staff
# and judges, who have none).
rules.add_perm("teachers.edit_own_profile", is_own_profile)
rules.add_perm("teachers.access_staff_area", is_asef_staff)
rules.add_perm("teachers.access_judging", is_judge)
# Join, propose, apply: only once staff have verified the teacher's school affiliation.
rules.add_perm("teachers.act_as_teacher", is_verified_teacher)
# Partner finding: the teacher directory is for verified teachers (and staff), not visitors.
rules.add_perm("teachers.view_directory", is_verified_teacher | is_asef_staff)
rules.add_perm("teachers.verify_teacher", is_asef_staff)
# Staff's edit page of any teacher's profile (/staff/teachers/<pk>/edit/).
rules.add_perm("teachers.edit_any_profile", is_asef_staff)
rules.add_perm("teachers.edit_profile", is_own_profile | is_asef_staff)
# E-mail and other contact details: the person, staff (and, later, fellow collaboration members).
rules.add_perm("teachers.view_contact_details", is_own_profile | is_asef_staff)


@rules.predicate
def is_listed_profile(user, profile) -> bool:
    """A profile the directory lists: a verified teacher whose account is active."""
    return profile is not None and profile.is_verified and profile.user.is_active


# The photo on a teacher's page (teachers:photo): whoever may see the page, and the person.
rules.add_perm(
    "teachers.view_photo",
    is_own_profile | is_asef_staff | (is_verified_teacher & is_listed_profile),
)

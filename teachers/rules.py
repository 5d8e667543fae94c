"""Who may do what, readable in one file. Predicates are combined with & and |."""

import rules

from .roles import JUDGES_GROUP, STAFF_GROUP


@rules.predicate
def is_teacher(user) -> bool:
    return bool(user.is_authenticated) and hasattr(user, "teacher_profile")


@rules.predicate
def is_verified_teacher(user) -> bool:
    return is_teacher(user) and user.teacher_profile.is_verified


is_asef_staff = rules.is_superuser | rules.is_group_member(STAFF_GROUP)
is_judge = rules.is_group_member(JUDGES_GROUP)

rules.add_perm("teachers.view_dashboard", rules.is_authenticated)
rules.add_perm("teachers.access_staff_area", is_asef_staff)
rules.add_perm("teachers.access_judging", is_judge)
rules.add_perm("teachers.act_as_teacher", is_verified_teacher)

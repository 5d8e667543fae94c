"""Who may do what with collaborations. Membership is read from the rows, per object."""

import rules

from classnet.roles import is_asef_staff
from teachers.rules import is_verified_teacher

from .models import Membership


@rules.predicate
def is_member(user, collaboration) -> bool:
    if collaboration is None or not user.is_authenticated:
        return False
    return collaboration.memberships.filter(teacher__user=user).exists()


@rules.predicate
def is_lead(user, collaboration) -> bool:
    if collaboration is None or not user.is_authenticated:
        return False
    return collaboration.memberships.filter(
        teacher__user=user, role__in=[Membership.Role.LEAD, Membership.Role.CO_LEAD]
    ).exists()


@rules.predicate
def is_main_lead(user, collaboration) -> bool:
    if collaboration is None or not user.is_authenticated:
        return False
    return collaboration.memberships.filter(teacher__user=user, role=Membership.Role.LEAD).exists()


@rules.predicate
def is_public(user, collaboration) -> bool:
    return collaboration is not None and collaboration.status != collaboration.Status.DRAFT


rules.add_perm("collaborations.propose", is_verified_teacher)
rules.add_perm("collaborations.view", is_public | is_member | is_asef_staff)
rules.add_perm("collaborations.edit", is_lead | is_asef_staff)
rules.add_perm("collaborations.request_join", is_verified_teacher & ~is_member & is_public)
rules.add_perm("collaborations.answer_requests", is_lead)
rules.add_perm("collaborations.view_member_contacts", is_member | is_asef_staff)
rules.add_perm("collaborations.name_co_leads", is_main_lead | is_asef_staff)
rules.add_perm("collaborations.remove_members", is_lead | is_asef_staff)
rules.add_perm("collaborations.post_diary", is_member)

"""Kept for the merge of issue 13 only: the staff pages of awards, conferences, gallery,
reports and surveys still import `staff_only` from here while their engineers move them to
core.permissions.permission_required with their own permissions. Remove this module once
nothing imports it (the staff area of people lives in teachers/views/staff.py)."""

from core.permissions import permission_required

# Visitors are sent to log in; signed-in people who are not staff get a 403.
staff_only = permission_required("teachers.access_staff_area")

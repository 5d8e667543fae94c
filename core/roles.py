"""Roles that are groups, as names and django-rules predicates.

Lives in classnet/ (below every app) so that any app's rules can use them. A teacher is not a
group but a user with a teacher profile: see teachers/rules.py.
"""

import rules

STAFF_GROUP = "ASEF staff"
JUDGES_GROUP = "Judges"

is_asef_staff = rules.is_superuser | rules.is_group_member(STAFF_GROUP)
is_judge = rules.is_group_member(JUDGES_GROUP)

# Besides our own apps (settings.LOCAL_APPS), staff manage allauth's e-mail addresses.
STAFF_MANAGED_THIRD_PARTY_APPS = ["account"]


def staff_permissions_sync(**kwargs) -> None:
    """Give the staff group every model permission of the apps staff manage (back office).

    Connected to post_migrate, so models that later issues add are covered after `migrate`.
    Users' roles (groups, permissions) stay with superusers.
    """
    # Inline: rules modules import this module while the app registry is still loading.
    from django.apps import apps  # noqa: PLC0415  (registry still loading at import)
    from django.conf import settings  # noqa: PLC0415  (beside the registry it reads)
    from django.contrib.auth.models import Group, Permission  # noqa: PLC0415  (models not ready)

    ours = [config.label for config in apps.get_app_configs() if config.name in settings.LOCAL_APPS]
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=[*ours, *STAFF_MANAGED_THIRD_PARTY_APPS]
        )
    )

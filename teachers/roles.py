"""Names of the role groups. Staff and judges are groups; a teacher is a user with a profile."""

STAFF_GROUP = "ASEF staff"
JUDGES_GROUP = "Judges"

# Besides our own apps (settings.LOCAL_APPS), staff manage allauth's e-mail addresses.
STAFF_MANAGED_THIRD_PARTY_APPS = ["account"]


def staff_permissions_sync(**kwargs) -> None:
    """Give the staff group every model permission of the apps staff manage.

    Connected to post_migrate, so models that later issues add are covered after `migrate`.
    Users, groups and permissions of django.contrib.auth stay with superusers.
    """
    from django.apps import apps
    from django.conf import settings
    from django.contrib.auth.models import Group, Permission

    ours = [config.label for config in apps.get_app_configs() if config.name in settings.LOCAL_APPS]
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=[*ours, *STAFF_MANAGED_THIRD_PARTY_APPS]
        )
    )

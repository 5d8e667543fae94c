"""Names of the role groups. Staff and judges are groups; a teacher is a user with a profile."""

STAFF_GROUP = "ASEF staff"
JUDGES_GROUP = "Judges"

# The apps whose models staff manage in the back office (Django admin).
STAFF_MANAGED_APPS = [
    "schools",
    "teachers",
    "conferences",
    "collaborations",
    "awards",
    "reports",
    "outbox",
    "account",  # allauth's e-mail addresses
]


def staff_permissions_sync(**kwargs) -> None:
    """Give the staff group every model permission of the apps staff manage.

    Connected to post_migrate, so models that later issues add are covered after `migrate`.
    Users, groups and permissions of django.contrib.auth stay with superusers.
    """
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=STAFF_MANAGED_APPS)
    )

from django.contrib.auth.models import Group, Permission

from wards.roles import GROUP_NAMES, ROLE_PERMISSIONS


def sync_role_groups(**kwargs) -> None:
    """Create one group per role and give it exactly the permissions ROLE_PERMISSIONS lists."""
    for role, group_name in GROUP_NAMES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = ROLE_PERMISSIONS.get(role, set())
        permissions = []
        for dotted in wanted:
            app_label, codename = dotted.split(".", 1)
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:
                permissions.append(permission)
        group.permissions.set(permissions)

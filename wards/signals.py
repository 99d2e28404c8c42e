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


def admin_language_default(sender, instance, created, **kwargs) -> None:
    """A new user reads the Wagtail admin in Vietnamese unless they choose otherwise in their profile."""
    if created:
        from wagtail.users.models import UserProfile

        UserProfile.objects.get_or_create(user=instance, defaults={"preferred_language": "vi"})


def admin_language_on_login(sender, request, user, **kwargs) -> None:
    """Users created before the default (or by a bulk path) get it at their first sign-in."""
    from wagtail.users.models import UserProfile

    UserProfile.objects.get_or_create(user=user, defaults={"preferred_language": "vi"})

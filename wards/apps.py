from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class WardsConfig(AppConfig):
    name = "wards"
    verbose_name = _("Phường và cư dân")

    def ready(self):
        from wards.schedules import ensure_schedules
        from wards.signals import admin_language_default, admin_language_on_login, sync_role_groups

        # Run once, after the last app's permissions exist.
        post_migrate.connect(sync_role_groups, dispatch_uid="wards.sync_role_groups")
        # Every app's SCHEDULES (in its tasks module), once per migrate.
        post_migrate.connect(ensure_schedules, sender=self, dispatch_uid="wards.ensure_schedules")
        post_save.connect(
            admin_language_default,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="wards.admin_language_default",
        )
        user_logged_in.connect(admin_language_on_login, dispatch_uid="wards.admin_language")

        from wagtail.models import Site

        from wards.public_url import site_forget

        post_save.connect(site_forget, sender=Site, dispatch_uid="wards.site_forget")

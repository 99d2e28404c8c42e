from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WardsConfig(AppConfig):
    name = "wards"
    verbose_name = _("Phường và cư dân")

    def ready(self):
        from wards.schedules import ensure_schedules
        from wards.signals import sync_role_groups

        # Run once, after the last app's permissions exist.
        post_migrate.connect(sync_role_groups, dispatch_uid="wards.sync_role_groups")
        # Every app's SCHEDULES (in its tasks module), once per migrate.
        post_migrate.connect(ensure_schedules, sender=self, dispatch_uid="wards.ensure_schedules")

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WardsConfig(AppConfig):
    name = "wards"
    verbose_name = _("Phường và cư dân")

    def ready(self):
        from django.urls import register_converter

        from config.converters import IdConverter
        from wards.schedules import ensure_schedules
        from wards.signals import sync_role_groups

        # `<id:pk>` in every app's URLs: an id too long for the database is a 404, not a 500.
        register_converter(IdConverter, "id")

        # Run once, after the last app's permissions exist.
        post_migrate.connect(sync_role_groups, dispatch_uid="wards.sync_role_groups")
        # Every app's SCHEDULES (in its tasks module), once per migrate.
        post_migrate.connect(ensure_schedules, sender=self, dispatch_uid="wards.ensure_schedules")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = _("Thống kê")

    def ready(self):
        from wards.roles import ROLE_PERMISSIONS, Role

        # Ward admins set the ward's targets and import the one-stop system's monthly figures.
        ROLE_PERMISSIONS[Role.WARD_ADMIN] |= {
            "stats.add_wardtarget",
            "stats.change_wardtarget",
            "stats.view_wardtarget",
            "stats.add_officialfigure",
            "stats.change_officialfigure",
            "stats.view_officialfigure",
            "stats.delete_officialfigure",
        }

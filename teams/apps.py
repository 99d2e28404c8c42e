from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = _("Tổ công nghệ số cộng đồng")

    def ready(self):
        from teams import receivers
        from wards.roles import ROLE_PERMISSIONS, Role

        receivers.connect()

        # Ward admins set up the teams (Wagtail admin); team members work in the field app.
        ROLE_PERMISSIONS[Role.WARD_ADMIN] |= {
            "teams.add_team",
            "teams.change_team",
            "teams.view_team",
            "teams.delete_team",
            "teams.add_teammember",
            "teams.change_teammember",
            "teams.view_teammember",
            "teams.delete_teammember",
        }

"""Staff roles and what each may see. Scoping itself lives in wards/scoping.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WARD_ADMIN = "ward_admin", _("Quản trị phường")
    COMMUNICATIONS = "communications", _("Cán bộ truyền thông")
    LEADER = "leader", _("Lãnh đạo phường")
    TEAM_LEADER = "team_leader", _("Tổ trưởng tổ công nghệ số")
    TEAM_MEMBER = "team_member", _("Tổ viên tổ công nghệ số")
    PROVINCE_ADMIN = "province_admin", _("Quản trị tỉnh / thành phố")
    ONE_STOP = (
        "one_stop",
        _("Cán bộ một cửa"),
    )  # submits dossiers online for residents served at home


# Roles that may read names and phone numbers, and within which areas.
WARD_WIDE_PERSONAL_DATA = {Role.WARD_ADMIN, Role.COMMUNICATIONS}
AREA_BOUND = {Role.TEAM_LEADER, Role.TEAM_MEMBER}
# Roles that read aggregates (counts, rates) of a whole ward.
WARD_AGGREGATES = {Role.WARD_ADMIN, Role.COMMUNICATIONS, Role.LEADER, Role.TEAM_LEADER}
# Roles that work in the Wagtail admin.
ADMIN_ROLES = {Role.WARD_ADMIN, Role.COMMUNICATIONS, Role.PROVINCE_ADMIN, Role.ONE_STOP}

# Group names are data shown in the admin's user screens; they carry the admin permissions.
GROUP_NAMES = {
    Role.WARD_ADMIN: "Quản trị phường",
    Role.COMMUNICATIONS: "Cán bộ truyền thông",
    Role.LEADER: "Lãnh đạo phường",
    Role.TEAM_LEADER: "Tổ trưởng",
    Role.TEAM_MEMBER: "Tổ viên",
    Role.PROVINCE_ADMIN: "Quản trị tỉnh",
    Role.ONE_STOP: "Cán bộ một cửa",
}

# Django permissions each role's group carries ("app_label.codename"). Other apps extend this in
# their AppConfig.ready(); wards.signals.sync_role_groups writes it after every migrate.
ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.WARD_ADMIN: {
        "wagtailadmin.access_admin",
        "wards.add_household",
        "wards.change_household",
        "wards.view_household",
        "wards.delete_household",
        "wards.add_resident",
        "wards.change_resident",
        "wards.view_resident",
        "wards.delete_resident",
        "wards.add_area",
        "wards.change_area",
        "wards.view_area",
        "wards.view_adoptionevent",
        "wards.view_auditentry",
        "home.change_wardbranding",
    },
    Role.COMMUNICATIONS: {
        "wagtailadmin.access_admin",
        "wards.view_household",
        "wards.view_resident",
        "wards.view_area",
    },
    Role.PROVINCE_ADMIN: {
        "wagtailadmin.access_admin",
    },
    Role.LEADER: set(),
    Role.TEAM_LEADER: set(),
    Role.TEAM_MEMBER: set(),
    Role.ONE_STOP: {"wagtailadmin.access_admin"},
}

from django import template
from django.utils.translation import gettext as _

from teams.permissions import is_team_leader
from wards.models import Vneid
from wards.phones import display_phone, mask_phone
from wards.scoping import can_read_phones

register = template.Library()


@register.filter
def phone_for(number: str, visible: bool) -> str:
    """The number as the viewer may see it: whole for the area's team, masked otherwise."""
    return display_phone(number) if visible else mask_phone(number)


@register.simple_tag
def phones_visible(user, area) -> bool:
    return can_read_phones(user, area)


@register.filter
def leads_a_team(user) -> bool:
    return is_team_leader(user)


@register.inclusion_tag("teams/includes/status.html")
def resident_status(resident, this_year: int):
    """The four milestones of a resident as short badges, each marked done or still to do."""
    adult = resident.birth_year is None or this_year - resident.birth_year >= 18
    vneid_done = resident.vneid == Vneid.LEVEL2_ACTIVATED
    return {
        "adult": adult,
        "badges": [
            (
                _("VNeID: %(state)s") % {"state": resident.get_vneid_display()},
                vneid_done,
            ),
            (_("TK dịch vụ công"), resident.has_public_service_account),
            (_("Nộp trực tuyến"), resident.has_submitted_online),
            (_("Không tiền mặt"), resident.uses_cashless),
        ],
    }


@register.filter
def percent(value: float) -> str:
    return f"{value * 100:.0f} %"


@register.filter
def member_name(user) -> str:
    """A member as pages and exports show them: full name, the user name only if none is set;
    an account deleted since shows as such."""
    if user is None:
        return _("(tài khoản đã xóa)")
    return user.get_full_name() or user.get_username()

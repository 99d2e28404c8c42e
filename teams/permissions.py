"""Who may open the field app and the team leader's page. Which rows they see is wards.scoping's job."""

import functools

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.translation import gettext as _

from wards import scoping
from wards.roles import AREA_BOUND, Role


def is_field_member(user) -> bool:
    """Team members and team leaders (and a superuser) use the field app."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or bool(scoping.roles(user) & AREA_BOUND)


def is_team_leader(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or Role.TEAM_LEADER in scoping.roles(user)


def _guard(test, message):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                return render(request, "teams/forbidden.html", {"message": message()}, status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


field_member_required = _guard(
    is_field_member, lambda: _("Trang này dành cho tổ viên và tổ trưởng tổ công nghệ số.")
)
team_leader_required = _guard(
    is_team_leader, lambda: _("Trang này dành cho tổ trưởng tổ công nghệ số.")
)

"""Who opens the staff pages. Which requests they see is homeservice.access's job."""

import functools

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.translation import gettext as _

from homeservice.access import is_board_user
from wards import scoping
from wards.roles import AREA_BOUND


def is_field_member(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or bool(scoping.roles(user) & AREA_BOUND)


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


field_required = _guard(
    lambda u: is_field_member(u) or is_board_user(u),
    lambda: _("Trang này dành cho tổ công nghệ số và cán bộ một cửa."),
)
board_required = _guard(is_board_user, lambda: _("Trang này dành cho tổ trưởng và cán bộ một cửa."))

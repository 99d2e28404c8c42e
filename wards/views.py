from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from config.ratelimit import client_fingerprint, over_limit
from wards import scoping
from wards.roles import ADMIN_ROLES, Role

# Where each role starts its day. Apps that are not installed fall back to the admin.
LANDING_URL_NAMES = {
    Role.LEADER: "stats:dashboard",
    Role.TEAM_LEADER: "teams:leader",
    Role.TEAM_MEMBER: "teams:today",
}


class LoginView(auth_views.LoginView):
    """Staff sign-in, throttled per user name and per client so passwords cannot be guessed."""

    template_name = "wards/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "").strip().lower()
        limit = settings.LOGIN_THROTTLE_ATTEMPTS
        window = settings.LOGIN_THROTTLE_WINDOW_SECONDS
        blocked = over_limit("login-user", username, limit=limit, window_seconds=window)
        blocked |= over_limit(
            "login-client", client_fingerprint(request), limit=limit * 4, window_seconds=window
        )
        if blocked:
            form = self.get_form()
            form.add_error(
                None, _("Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)


def landing_url(user) -> str:
    user_roles = scoping.roles(user)
    if Role.PROVINCE_ADMIN in user_roles and not user.is_superuser:
        return reverse("stats:dashboard")  # the ranking of the province's wards
    if user.is_superuser or user_roles & ADMIN_ROLES:
        return reverse("wagtailadmin_home")
    for role in (Role.LEADER, Role.TEAM_LEADER, Role.TEAM_MEMBER):
        if role in user_roles:
            try:
                return reverse(LANDING_URL_NAMES[role])
            except NoReverseMatch:
                continue
    return "/"


def landing(request):
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if not scoping.memberships(request.user) and not request.user.is_superuser:
        messages.warning(request, _("Tài khoản của bạn chưa được phân công vào phường nào."))
        return redirect("/")
    return redirect(landing_url(request.user))

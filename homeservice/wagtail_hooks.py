"""The one-stop officer's view in the Wagtail admin, and this app's pieces of other apps' pages."""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from homeservice.access import is_board_user
from homeservice.views import admin as admin_views
from homeservice.views import sla_admin


@hooks.register("citizen_actions")
def help_link(request, procedure_id=None, lesson_id=None, **kwargs):
    """A "Nhờ tổ công nghệ số giúp" link on a procedure page, a lesson and the assistant's answer
    (no cookie, cacheable)."""
    url = reverse("homeservice:help")
    if procedure_id is not None:
        url += "?" + urlencode({"thu-tuc": procedure_id})
    return render_to_string("homeservice/includes/citizen_action.html", {"url": url})


@hooks.register("field_nav")
def field_nav(request, **kwargs):
    return render_to_string("homeservice/includes/field_nav.html", request=request)


@hooks.register("field_today")
def field_today(request, **kwargs):
    """ "Việc nhờ" beside today's households: how many open requests wait, vulnerable first."""
    from homeservice.models import ServiceRequest

    waiting = ServiceRequest.objects.for_user(request.user).open().count()
    if not waiting:
        return ""
    return render_to_string(
        "homeservice/includes/field_today.html", {"waiting": waiting}, request=request
    )


@hooks.register("field_household")
def household_marks(request, household=None, **kwargs):
    """The household's marks on the team's household page, with the link to record one. Shown
    only to those who may read vulnerability records of its area (homeservice.access)."""
    from homeservice.access import service_area_ids
    from homeservice.models import Vulnerability

    if household is None or request is None:
        return ""
    ids = service_area_ids(request.user)
    if ids is not None and household.area_id not in ids:
        return ""
    marks = Vulnerability.objects.current().filter(household_id=household.pk).order_by("pk")
    return render_to_string(
        "homeservice/includes/household_marks.html",
        {"household": household, "marks": list(marks)},
        request=request,
    )


@hooks.register("register_admin_urls")
def admin_urls():
    urls = [
        path("", admin_views.board, name="board"),
        path("<id:pk>/", admin_views.detail, name="detail"),
        path("thoi-han/", sla_admin.sla, name="sla"),
    ]
    return [path("phuc-vu-tai-nha/", include((urls, "homeservice_admin")))]


class BoardMenuItem(MenuItem):
    def is_shown(self, request):
        return is_board_user(request.user)


@hooks.register("register_admin_menu_item")
def board_menu_item():
    return BoardMenuItem(
        _("Phục vụ tại nhà"),
        reverse("homeservice_admin:board"),
        icon_name="group",
        order=260,
    )

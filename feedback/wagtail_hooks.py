"""Feedback in the Wagtail admin: the inbox (overdue first), its categories, the QR poster."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from feedback import admin_views
from feedback.admin_forms import CategoryForm
from feedback.models import Category
from wards.wagtail_hooks import ScopedModelViewSet


class CategoryViewSet(ScopedModelViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Lĩnh vực góp ý")
    add_to_admin_menu = False
    list_display = ["name", "sla_days", "ward", "active"]

    def get_form_class(self, for_update=False):
        return CategoryForm


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CategoryViewSet("feedback_category")


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("gop-y/", admin_views.inbox, name="feedback_inbox"),
        path("gop-y/<id:pk>/", admin_views.petition_detail, name="feedback_petition"),
        path("gop-y/ap-phich/<id:ward_pk>/", admin_views.poster, name="feedback_poster"),
    ]


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW)


@hooks.register("register_admin_menu_item")
def register_inbox_menu():
    return InboxMenuItem(
        _("Góp ý của người dân"), reverse("feedback_inbox"), icon_name="comment", order=250
    )


class CategoriesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("feedback.view_category")


@hooks.register("register_settings_menu_item")
def register_categories_menu():
    return CategoriesMenuItem(
        _("Lĩnh vực góp ý"), reverse("feedback_category:index"), icon_name="tag", order=700
    )

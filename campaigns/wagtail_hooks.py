"""The campaigns admin: a menu of its own and its screens under /admin/chien-dich/."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from campaigns import admin_views as views
from campaigns.admin_views import journeys
from campaigns.inbox import admin_views as inbox
from campaigns.offline import admin_views as offline

app_name = "campaigns_admin"
urlpatterns = [
    path("", views.CampaignIndex.as_view(), name="index"),
    path("moi/", views.CampaignCreate.as_view(), name="create"),
    path("<id:pk>/", views.CampaignDetail.as_view(), name="detail"),
    path("<id:pk>/sua/", views.CampaignEdit.as_view(), name="edit"),
    path("<id:pk>/thao-tac/", views.CampaignAction.as_view(), name="action"),
    path("<id:pk>/tien-do.json", views.CampaignProgress.as_view(), name="progress"),
    path("<id:pk>/ket-qua/", views.CampaignResults.as_view(), name="results"),
    path("<id:pk>/nguoi-nhan.csv", views.CampaignExport.as_view(), name="export"),
    path("<id:pk>/nguoi-nhan/", views.RecipientList.as_view(), name="recipients"),
    path("hop-thu/", inbox.InboxIndex.as_view(), name="inbox"),
    path("hop-thu/<id:pk>/", inbox.InboxThread.as_view(), name="inbox_thread"),
    path("hop-thu-thu-nghiem/", views.Outbox.as_view(), name="outbox"),
    path("kenh/", views.ChannelList.as_view(), name="channels"),
    path("kenh/them/", views.ChannelEdit.as_view(), name="channel_add"),
    path("kenh/<id:pk>/", views.ChannelEdit.as_view(), name="channel_edit"),
    path("quy-dinh/", views.PolicyEdit.as_view(), name="policy"),
    path("tu-choi/", views.OptOutList.as_view(), name="opt_outs"),
    path("ngoai-tin-nhan/", offline.OutreachIndex.as_view(), name="outreach_index"),
    path("ngoai-tin-nhan/moi/", offline.OutreachCreate.as_view(), name="outreach_create"),
    path("ngoai-tin-nhan/<id:pk>/", offline.OutreachDetail.as_view(), name="outreach_detail"),
    path("ngoai-tin-nhan/<id:pk>/to-roi.pdf", offline.LeafletPdf.as_view(), name="leaflet_pdf"),
    path("chuoi-nhac/", journeys.JourneyIndex.as_view(), name="journey_index"),
    path("chuoi-nhac/moi/", journeys.JourneyCreate.as_view(), name="journey_create"),
    path("chuoi-nhac/<id:pk>/", journeys.JourneyDetail.as_view(), name="journey_detail"),
    path("chuoi-nhac/<id:pk>/sua/", journeys.JourneyEdit.as_view(), name="journey_edit"),
    *[
        path(
            f"chuoi-nhac/<id:pk>/{slug}/",
            journeys.JourneyAction.as_view(action=action),
            name=f"journey_{action}",
        )
        for slug, action in (("tam-dung", "pause"), ("chay-lai", "resume"), ("xoa", "delete"))
    ],
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("chien-dich/", include((urlpatterns, app_name), namespace=app_name))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class InboxMenuItem(PermissionMenuItem):
    """The inbox's menu item, its label carrying the number of unread replies."""

    def render_component(self, request):
        component = super().render_component(request)
        unread = inbox.unread_count(request.user)
        if unread:
            component.label = f"{self.label} ({unread})"
        return component


class CampaignsMenu(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm("campaigns.view_campaign") or request.user.has_perm(
            "campaigns.change_channelaccount"
        )


@hooks.register("register_admin_menu_item")
def register_menu():
    items = [
        (_("Chiến dịch"), "index", "mail", "campaigns.view_campaign"),
        (
            _("Loa, tờ rơi, nhóm Zalo"),
            "outreach_index",
            "doc-full-inverse",
            "campaigns.view_outreach",
        ),
        (_("Hộp thư tin đến"), "inbox", "mail", "campaigns.view_inboundmessage"),
        (_("Chuỗi nhắc việc"), "journey_index", "time", "campaigns.view_journey"),
        (_("Hộp thư thử nghiệm"), "outbox", "doc-full", "campaigns.view_recipient"),
        (_("Từ chối nhận tin"), "opt_outs", "cross", "campaigns.view_optout"),
        (_("Kênh gửi tin"), "channels", "cogs", "campaigns.change_channelaccount"),
        (_("Quy định gửi tin"), "policy", "time", "campaigns.change_messagingpolicy"),
    ]
    menu = Menu(
        items=[
            (InboxMenuItem if name == "inbox" else PermissionMenuItem)(
                label,
                reverse(f"campaigns_admin:{name}"),
                name=f"campaigns-{name}",
                icon_name=icon,
                permission=permission,
                order=order,
            )
            for order, (label, name, icon, permission) in enumerate(items)
        ]
    )
    return CampaignsMenu(_("Chiến dịch tin nhắn"), menu, icon_name="mail", order=300)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Chiến dịch tin nhắn")

    def ready(self):
        from wards.roles import ROLE_PERMISSIONS, Role

        building = {
            "campaigns.add_campaign",
            "campaigns.change_campaign",
            "campaigns.view_campaign",
            "campaigns.delete_campaign",
            "campaigns.view_recipient",
            "campaigns.add_optout",
            "campaigns.view_optout",
            "campaigns.add_outreach",
            "campaigns.change_outreach",
            "campaigns.view_outreach",
            "campaigns.view_inboundmessage",
            "campaigns.change_inboundmessage",
            "campaigns.add_journey",
            "campaigns.change_journey",
            "campaigns.view_journey",
            "campaigns.delete_journey",  # only one no resident was enrolled in
        }
        # Communications staff build and send; ward admins also set up channels and rules;
        # leaders approve big campaigns and read results (on pages outside the admin).
        ROLE_PERMISSIONS[Role.COMMUNICATIONS] |= building
        ROLE_PERMISSIONS[Role.WARD_ADMIN] |= building | {
            "campaigns.add_channelaccount",
            "campaigns.change_channelaccount",
            "campaigns.view_channelaccount",
            "campaigns.change_messagingpolicy",
            "campaigns.view_messagingpolicy",
            "campaigns.delete_optout",
        }
        ROLE_PERMISSIONS[Role.LEADER] |= {
            "campaigns.view_campaign",
            "campaigns.approve_campaign",
        }

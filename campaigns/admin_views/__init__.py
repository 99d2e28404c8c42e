from .campaigns import (
    CampaignAction,
    CampaignCreate,
    CampaignDetail,
    CampaignEdit,
    CampaignExport,
    CampaignIndex,
    CampaignProgress,
    CampaignResults,
)
from .recipients import RecipientList
from .settings import ChannelEdit, ChannelList, OptOutList, Outbox, PolicyEdit

__all__ = [
    "CampaignAction",
    "CampaignCreate",
    "CampaignDetail",
    "CampaignEdit",
    "CampaignExport",
    "CampaignIndex",
    "CampaignProgress",
    "CampaignResults",
    "ChannelEdit",
    "ChannelList",
    "OptOutList",
    "Outbox",
    "PolicyEdit",
    "RecipientList",
]

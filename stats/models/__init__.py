from .official import OfficialFigure
from .rollups import (
    AdoptionDay,
    AdoptionMonth,
    AreaSnapshot,
    CampaignArea,
    LearningDay,
    ScanDayCount,
    ScanMonthCount,
    VisitDay,
    VisitMonth,
    WardRollup,
)
from .targets import WardTarget

__all__ = [
    "AdoptionDay",
    "AdoptionMonth",
    "AreaSnapshot",
    "CampaignArea",
    "LearningDay",
    "OfficialFigure",
    "ScanDayCount",
    "ScanMonthCount",
    "VisitDay",
    "VisitMonth",
    "WardRollup",
    "WardTarget",
]

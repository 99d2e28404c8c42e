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
from .summaries import (
    AdoptionWardDay,
    AdoptionWardMonth,
    ScanWardDay,
    ScanWardMonth,
    VisitWardDay,
    VisitWardMonth,
)
from .targets import WardTarget

__all__ = [
    "AdoptionDay",
    "AdoptionMonth",
    "AdoptionWardDay",
    "AdoptionWardMonth",
    "AreaSnapshot",
    "CampaignArea",
    "LearningDay",
    "OfficialFigure",
    "ScanDayCount",
    "ScanMonthCount",
    "ScanWardDay",
    "ScanWardMonth",
    "VisitDay",
    "VisitMonth",
    "VisitWardDay",
    "VisitWardMonth",
    "WardRollup",
    "WardTarget",
]

from .accounts import ChannelAccount, MessagingPolicy
from .campaign import Campaign
from .inbox import InboundMessage, KeywordAction, SenderAlias
from .journeys import Enrolment, Journey, JourneyStep
from .notices import Notice
from .offline import BroadcastSlot, CodeVisit, Outreach, TrackedCode
from .optouts import OptOut, OptOutEvent, OptOutSource
from .recipients import Click, Exclusion, Failure, Recipient

__all__ = [
    "BroadcastSlot",
    "CodeVisit",
    "Outreach",
    "TrackedCode",
    "Campaign",
    "ChannelAccount",
    "Enrolment",
    "InboundMessage",
    "SenderAlias",
    "KeywordAction",
    "Journey",
    "JourneyStep",
    "Click",
    "Exclusion",
    "Failure",
    "MessagingPolicy",
    "Notice",
    "OptOut",
    "OptOutEvent",
    "OptOutSource",
    "Recipient",
]

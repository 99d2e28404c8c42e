from .accounts import ChannelAccount, MessagingPolicy
from .campaign import Campaign
from .journeys import Enrolment, Journey, JourneyStep
from .notices import Notice
from .optouts import OptOut, OptOutEvent, OptOutSource
from .recipients import Click, Exclusion, Failure, Recipient

__all__ = [
    "Campaign",
    "ChannelAccount",
    "Enrolment",
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

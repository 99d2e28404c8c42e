from .accounts import ChannelAccount, MessagingPolicy
from .campaign import Campaign
from .notices import Notice
from .optouts import OptOut, OptOutEvent, OptOutSource
from .recipients import Click, Exclusion, Failure, Recipient

__all__ = [
    "Campaign",
    "ChannelAccount",
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

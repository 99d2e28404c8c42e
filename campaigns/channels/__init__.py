"""Messaging channels as plug-ins, one module each, listed in settings.CAMPAIGN_CHANNELS.

channel = get_channel("esms", config)
result = channel.send(OutboundMessage(message_id=..., phone_e164="+84912345678", body=...))
updates = channel.parse_callback(request)  # raises ForgedCallback -> answer 403
"""

from .base import (
    TEMPLATE_DATA,
    TEMPLATE_ID,
    Channel,
    ChannelConfigError,
    ConfigField,
    CrashRecovery,
    DeliveryStatus,
    DeliveryUpdate,
    ForgedCallback,
    InboundMessage,
    MalformedCallback,
    OutboundMessage,
    Outcome,
    ProviderResult,
    estimate_cost,
    sms_segments,
    to_provider_phone,
)
from .registry import (
    CHANNEL_CLASSES,
    channel_choices,
    channel_class,
    channel_for_slug,
    channel_keys,
    get_channel,
)

__all__ = [
    "CHANNEL_CLASSES",
    "Channel",
    "ChannelConfigError",
    "ConfigField",
    "CrashRecovery",
    "DeliveryStatus",
    "DeliveryUpdate",
    "ForgedCallback",
    "InboundMessage",
    "MalformedCallback",
    "OutboundMessage",
    "Outcome",
    "ProviderResult",
    "TEMPLATE_DATA",
    "TEMPLATE_ID",
    "channel_choices",
    "channel_class",
    "channel_for_slug",
    "channel_keys",
    "estimate_cost",
    "get_channel",
    "sms_segments",
    "to_provider_phone",
]

"""Messaging channels as plug-ins: console, twilio_sms, zalo_zns, esms.

channel = get_channel("esms", config)
result = channel.send(OutboundMessage(message_id=..., phone_e164="+84912345678", body=...))
updates = channel.parse_callback(request)  # raises ForgedCallback -> answer 403
"""

from .base import (
    Channel,
    ChannelConfigError,
    ConfigField,
    CrashRecovery,
    DeliveryStatus,
    DeliveryUpdate,
    ForgedCallback,
    OutboundMessage,
    Outcome,
    ProviderResult,
    estimate_cost,
    sms_segments,
    to_provider_phone,
)
from .registry import CHANNEL_CLASSES, channel_choices, channel_class, get_channel

__all__ = [
    "CHANNEL_CLASSES",
    "Channel",
    "ChannelConfigError",
    "ConfigField",
    "CrashRecovery",
    "DeliveryStatus",
    "DeliveryUpdate",
    "ForgedCallback",
    "OutboundMessage",
    "Outcome",
    "ProviderResult",
    "channel_choices",
    "channel_class",
    "estimate_cost",
    "get_channel",
    "sms_segments",
    "to_provider_phone",
]

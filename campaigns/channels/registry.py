"""Channel plug-ins by key. Provider modules are imported on first use only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .base import Channel

CHANNEL_CLASSES: dict[str, str] = {
    "console": "campaigns.channels.console.ConsoleChannel",
    "twilio_sms": "campaigns.channels.twilio_sms.TwilioSmsChannel",
    "zalo_zns": "campaigns.channels.zalo_zns.ZaloZnsChannel",
    "esms": "campaigns.channels.esms.EsmsChannel",
}


def channel_class(key: str) -> type[Channel]:
    try:
        path = CHANNEL_CLASSES[key]
    except KeyError:
        raise KeyError(f"unknown channel {key!r}") from None
    return import_string(path)


def get_channel(key: str, config: Mapping[str, Any] | None = None) -> Channel:
    """Build the channel `key` with its settings (raises ChannelConfigError when some are missing).

    Build one per worker and reuse it: it keeps an HTTP connection pool; `close()` it at the end.
    """
    return channel_class(key)(config or {})


def channel_choices() -> list[tuple[str, Any]]:
    """(key, label) pairs for a model field or form."""
    return [(key, channel_class(key).label) for key in CHANNEL_CLASSES]

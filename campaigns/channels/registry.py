"""Channel plug-ins by key, from `settings.CAMPAIGN_CHANNELS` (key → dotted class path).

Adding a provider is one module here and one line in settings; nothing else in the project names
it. Provider modules are imported on first use only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .base import Channel

DEFAULT_CHANNELS: dict[str, str] = {
    "console": "campaigns.channels.console.ConsoleChannel",
    "twilio_sms": "campaigns.channels.twilio_sms.TwilioSmsChannel",
    "zalo_zns": "campaigns.channels.zalo_zns.ZaloZnsChannel",
    "esms": "campaigns.channels.esms.EsmsChannel",
}
# Kept for callers that list the defaults; the registry itself reads settings.
CHANNEL_CLASSES = DEFAULT_CHANNELS


def _paths() -> dict[str, str]:
    return getattr(settings, "CAMPAIGN_CHANNELS", None) or DEFAULT_CHANNELS


def channel_keys() -> list[str]:
    return list(_paths())


def channel_class(key: str) -> type[Channel]:
    try:
        path = _paths()[key]
    except KeyError:
        raise KeyError(f"unknown channel {key!r}") from None
    return import_string(path)


def channel_for_slug(slug: str) -> str | None:
    """The key of the channel whose webhooks live under /webhooks/<slug>/."""
    for key in _paths():
        if slug and channel_class(key).webhook_slug == slug:
            return key
    return None


def get_channel(key: str, config: Mapping[str, Any] | None = None) -> Channel:
    """Build the channel `key` with its settings (raises ChannelConfigError when some are missing).

    Build one per worker and reuse it: it keeps an HTTP connection pool; `close()` it at the end.
    """
    return channel_class(key)(config or {})


def channel_choices() -> list[tuple[str, Any]]:
    """(key, label) pairs for a model field or form."""
    return [(key, channel_class(key).label) for key in _paths()]

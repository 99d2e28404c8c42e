"""A channel that sends nothing: for development, demos and tests.

The campaigns app writes its own outbox row; this channel only answers "accepted" with a fresh
provider id, so the whole dispatch path runs without any provider account.
"""

from __future__ import annotations

import logging
import uuid

from django.utils.translation import gettext_lazy as _

from .base import (
    Channel,
    CrashRecovery,
    DeliveryUpdate,
    OutboundMessage,
    Outcome,
    ProviderResult,
)

logger = logging.getLogger(__name__)


class ConsoleChannel(Channel):
    key = "console"
    label = _("Thử nghiệm (không gửi thật)")
    max_body_chars = 1600
    config_fields = ()
    # Nothing leaves the process: a message interrupted by a crash was never seen by anyone.
    crash_recovery = CrashRecovery.RESEND
    delivers_on_accept = True

    def send(self, message: OutboundMessage) -> ProviderResult:
        provider_id = f"console-{uuid.uuid4().hex}"
        logger.debug("console channel accepted message %s", message.message_id)
        return ProviderResult(Outcome.ACCEPTED, provider_id=provider_id)

    def parse_callback(self, request) -> list[DeliveryUpdate]:
        return []

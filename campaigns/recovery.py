"""Settling messages whose send a crash interrupted, by the channel's own rule (see dispatch)."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from campaigns.channels import CrashRecovery, OutboundMessage
from campaigns.models import ChannelAccount, Recipient
from campaigns.outbound import outbound
from wards import changes

logger = logging.getLogger(__name__)
R = Recipient.Status


def lease_seconds() -> int:
    return settings.CAMPAIGN_SEND_LEASE_SECONDS


def recover_interrupted(account: ChannelAccount, channel, token: str) -> int:
    """Settle rows whose send a crash interrupted (claimed longer ago than the lease)."""
    expired = timezone.now() - datetime.timedelta(seconds=lease_seconds())
    stuck = (
        Recipient.objects.filter(channel_account=account, status=R.SENDING, claimed_at__lt=expired)
        .exclude(claim=token)
        .select_related("campaign__ward", "resident", "area")
    )
    settled = found = 0
    for row in stuck:
        mine = Recipient.objects.filter(pk=row.pk)
        rule = channel.crash_recovery
        if rule == CrashRecovery.RESEND:
            settled += mine.requeue(row.claim, next_attempt_at=None)
        elif rule == CrashRecovery.LOOKUP:
            message = outbound(account, row)
            message = OutboundMessage(message.message_id, message.phone_e164, row.body)
            try:
                sid = channel.find_sent(message, since=row.claimed_at)
            except ConnectionError:
                logger.warning("lookup of interrupted message %s failed; later", row.pk)
                continue
            if sid:
                moved = mine.settle(row.claim, R.ACCEPTED, provider_id=sid, sent_at=row.claimed_at)
                settled, found = settled + moved, found + moved
            else:
                settled += mine.requeue(row.claim, next_attempt_at=None)
        else:
            settled += mine.settle(row.claim, R.UNKNOWN)
    if found:  # messages found sent count as sent: one mark for the lot, after them
        changes.record(ward_ids=[account.ward_id], part=changes.Part.CAMPAIGNS)
    if settled:
        logger.info("account %s: settled %s interrupted messages", account.pk, settled)
    return settled

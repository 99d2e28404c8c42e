"""The minute tick's part (release held notices, settle interrupted sends) and receipts."""

import datetime

from django.conf import settings
from django.utils import timezone

from campaigns import outbound
from campaigns.channels import (
    ChannelConfigError,
    CrashRecovery,
    DeliveryUpdate,
)
from campaigns.models import (
    ChannelAccount,
    Notice,
)
from campaigns.models.receipts import receipt_apply
from campaigns.notices.sending import message_for
from campaigns.notices.services import S, enqueue, notice_transition
from wards import changes

# --- the minute tick: release held notices, settle interrupted ones ------------------------------


def notices_release(*, now=None, limit: int = 1000) -> int:
    """Queue a send for every notice whose hold is over."""
    now = now or timezone.now()
    due = Notice.objects.due(now).filter(next_attempt_at__isnull=False)
    ids = list(due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    for notice_id in ids:
        enqueue(notice_id)
    return len(ids)


def notices_recover(*, now=None) -> int:
    """Settle notices whose send a crash interrupted (claimed longer ago than the lease)."""

    now = now or timezone.now()
    expired = now - datetime.timedelta(seconds=settings.CAMPAIGN_SEND_LEASE_SECONDS)
    stuck = Notice.objects.filter(status=S.SENDING, claimed_at__lt=expired).select_related(
        "channel_account"
    )
    settled = 0
    for notice in stuck:
        account = notice.channel_account
        rule = account.channel_class.crash_recovery if account else CrashRecovery.RESEND
        requeue = {"claim": "", "next_attempt_at": None}
        if rule == CrashRecovery.LOOKUP:
            try:
                with outbound.build_channel(account) as channel:
                    sid = channel.find_sent(message_for(notice, account), since=notice.claimed_at)
            except (ConnectionError, ChannelConfigError):
                continue
            if sid:
                moved = notice_transition(
                    notice_id=notice.pk,
                    to=S.ACCEPTED,
                    holding=notice.claim,
                    claim="",
                    provider_id=sid,
                    sent_at=notice.claimed_at,
                )
            else:
                moved = notice_transition(
                    notice_id=notice.pk, to=S.QUEUED, holding=notice.claim, **requeue
                )
                enqueue(notice.pk)
        elif rule == CrashRecovery.RESEND:
            moved = notice_transition(
                notice_id=notice.pk, to=S.QUEUED, holding=notice.claim, **requeue
            )
            enqueue(notice.pk)
        else:
            moved = notice_transition(
                notice_id=notice.pk, to=S.UNKNOWN, holding=notice.claim, claim=""
            )
        settled += moved
    return settled


# --- receipts ------------------------------------------------------------------------------------


def notice_apply_receipt(*, account: ChannelAccount, update: DeliveryUpdate) -> bool:
    """Apply one delivery receipt to the notice it names; True when it changed one. Idempotent,
    and by the same single UPDATE and the same moves as campaign messages."""
    changed = receipt_apply(model=Notice, account=account, update=update)
    if changed:
        changes.record(ward_ids=[account.ward_id], part=changes.Part.CAMPAIGNS)
    return changed

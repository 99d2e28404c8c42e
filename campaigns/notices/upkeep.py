"""The minute tick's part (release held notices, settle interrupted sends) and receipts."""

import datetime
import uuid

from django.conf import settings
from django.utils import timezone

from campaigns.channels import (
    ChannelConfigError,
    CrashRecovery,
    DeliveryStatus,
    DeliveryUpdate,
)
from campaigns.models import (
    ChannelAccount,
    Failure,
    Notice,
)
from campaigns.notices.sending import message_for
from campaigns.notices.services import S, enqueue, notice_transition

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
    from campaigns import dispatch

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
                with dispatch.build_channel(account) as channel:
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
    """Apply one delivery receipt to the notice it names; True when it changed one. Idempotent."""
    match = Notice.objects.filter(channel_account=account)
    uid = _uuid(update.tracking_id)
    if update.provider_id:
        notice = match.filter(provider_id=update.provider_id).first()
    else:
        notice = None
    if notice is None and uid is not None:
        notice = match.filter(uid=uid).first()
    if notice is None:
        return False
    status, at = update.status, update.occurred_at
    fields = {"sent_at": notice.sent_at or at}
    if update.provider_id and not notice.provider_id:
        fields["provider_id"] = update.provider_id
    if status in (DeliveryStatus.DELIVERED, DeliveryStatus.READ):
        fields.update(delivered_at=notice.delivered_at or at, failure="")
    if status == DeliveryStatus.READ:
        fields["read_at"] = notice.read_at or at
    if status == DeliveryStatus.UNDELIVERED:
        fields.update(failure=Failure.UNDELIVERED, error_code=update.error_code[:40])
    if status == DeliveryStatus.FAILED:
        invalid = update.error_code in account.channel_class.invalid_number_codes
        fields.update(
            failure=Failure.INVALID_NUMBER if invalid else Failure.REJECTED,
            error_code=update.error_code[:40],
        )
    return notice_transition(notice_id=notice.pk, to=S(status.value), **fields)


def _uuid(value: str):
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None

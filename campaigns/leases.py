"""The dispatcher's lease on a channel account: one sender per account, so its rate holds across
campaigns; a dead one's lease goes stale (no heartbeat) and the next run takes over."""

import datetime
import time

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from campaigns.models import ChannelAccount


def acquire(account_id: int, token: str) -> bool:
    now = timezone.now()
    stale = now - datetime.timedelta(seconds=settings.CAMPAIGN_DISPATCHER_STALE_SECONDS)
    free = Q(dispatcher="") | Q(dispatcher_seen_at__isnull=True) | Q(dispatcher_seen_at__lt=stale)
    taken = (
        ChannelAccount.objects.filter(pk=account_id)
        .filter(free)
        .update(dispatcher=token, dispatcher_seen_at=now)
    )
    return taken == 1


def last_seen(account_id: int):
    return (
        ChannelAccount.objects.filter(pk=account_id)
        .values_list("dispatcher_seen_at", flat=True)
        .first()
    )


def acquire_or_wait(account_id: int, token: str) -> bool:
    """Take the lease. If another dispatcher holds it, watch its heartbeat: one that moves is
    alive (give up); one that stays still belongs to a dead worker (take over once stale)."""
    if acquire(account_id, token):
        return True
    first = last_seen(account_id)
    deadline = time.monotonic() + settings.CAMPAIGN_DISPATCHER_STALE_SECONDS + 1
    while time.monotonic() < deadline:
        time.sleep(1)
        if acquire(account_id, token):
            return True
        if last_seen(account_id) != first:
            return False
    return acquire(account_id, token)


def heartbeat(account_id: int, token: str) -> bool:
    return (
        ChannelAccount.objects.filter(pk=account_id, dispatcher=token).update(
            dispatcher_seen_at=timezone.now()
        )
        == 1
    )


def release(account_id: int, token: str) -> None:
    ChannelAccount.objects.filter(pk=account_id, dispatcher=token).update(dispatcher="")

"""Background work (django-q2). Thin: take ids, call the app's code.

`tick` runs every minute (a django-q Schedule declared in SCHEDULES and created by
wards.schedules, or `manage.py campaigns_tick` from cron); it is also what restarts sending
after a worker died.
"""

import datetime
import logging

from django.db.models import Q
from django.utils import timezone

from campaigns import dispatch, services
from campaigns.models import Campaign, ChannelAccount, MessagingPolicy, Recipient
from wards.schedules import Every

logger = logging.getLogger(__name__)

SCHEDULES = [Every("campaigns.tasks.tick", "Chiến dịch tin nhắn: mỗi phút", minutes=1)]


def dispatch_account(account_id: int) -> str:
    return dispatch.run(account_id)


def tick(now=None) -> dict:
    now = now or timezone.now()
    started = resumed = nudged = 0
    for campaign in Campaign.objects.filter(status=Campaign.Status.SCHEDULED):
        started += services.campaign_start_if_due(campaign=campaign, now=now)
    paused = Campaign.objects.filter(
        status=Campaign.Status.PAUSED,
        pause_reason__in=(Campaign.PauseReason.QUIET_HOURS, Campaign.PauseReason.QUOTA),
    ).select_related("ward", "channel")
    for campaign in paused:
        if _may_resume(campaign, now):
            services.campaign_resume(campaign=campaign)
            resumed += 1
    # Work is due: a dispatch task per account (one that finds a live dispatcher exits at once;
    # one that finds a dead one's lease waits for it to go stale and takes over).
    due = Recipient.objects.filter(
        campaign__status=Campaign.Status.SENDING,
        status__in=(Recipient.Status.QUEUED, Recipient.Status.SENDING),
    ).filter(
        Q(next_attempt_at__isnull=True)
        | Q(next_attempt_at__lte=now)
        | Q(status=Recipient.Status.SENDING)
    )
    accounts = ChannelAccount.objects.filter(pk__in=due.values("channel_account_id"))
    for account_id in accounts.values_list("pk", flat=True):
        services.enqueue_dispatch(account_id)
        nudged += 1
    refresh_zalo_tokens_due(now)
    return {"started": started, "resumed": resumed, "dispatchers": nudged}


def _may_resume(campaign: Campaign, now) -> bool:
    if not MessagingPolicy.for_ward(campaign.ward).allows(now):
        return False
    if campaign.pause_reason == Campaign.PauseReason.QUOTA:
        seen = campaign.channel.quota_seen_at
        return seen is None or timezone.localdate(seen) < timezone.localdate(now)
    return True


def refresh_zalo_tokens_due(now) -> None:
    soon = now + datetime.timedelta(hours=2)
    for account in ChannelAccount.objects.filter(
        channel="zalo_zns", is_active=True, token_expires_at__lt=soon
    ):
        from django_q.tasks import async_task

        async_task("campaigns.tasks.refresh_zalo_token", account.pk, group="campaigns")


def refresh_zalo_token(account_id: int) -> bool:
    account = ChannelAccount.objects.get(pk=account_id)
    with dispatch.build_channel(account) as channel:
        return channel.refresh_access_token() is not None

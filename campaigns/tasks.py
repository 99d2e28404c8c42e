"""Background work (django-q2). Thin: take ids, call the app's code.

`tick` runs every minute (a django-q Schedule declared in SCHEDULES and created by
wards.schedules, or `manage.py campaigns_tick` from cron); it is also what restarts sending
after a worker died. `inbound_sweep` (every five minutes) queues again the residents' replies
whose task a dead worker took.
"""

import datetime
import logging

from django.db.models import Q
from django.utils import timezone

from campaigns import dispatch, journeys, notices, outbound, services
from campaigns.channels import channel_class, channel_keys
from campaigns.inbox import acting
from campaigns.models import Campaign, ChannelAccount, MessagingPolicy, Recipient
from wards.schedules import Every

logger = logging.getLogger(__name__)

SCHEDULES = [
    Every("campaigns.tasks.tick", "Chiến dịch tin nhắn: mỗi phút", minutes=1),
    Every("campaigns.tasks.inbound_sweep", "Hộp thư: tin đến chưa được xử lý", minutes=5),
]


def dispatch_account(account_id: int) -> str:
    return dispatch.run(account_id)


def notice_deliver(notice_id: int) -> str:
    return notices.notice_deliver(notice_id=notice_id)


def notices_deliver(notice_ids: list[int]) -> dict:
    """Send a batch queued by `notices_send`; how many of each outcome (for the task log)."""
    outcomes: dict[str, int] = {}
    for notice_id in notice_ids:
        outcome = notices.notice_deliver(notice_id=notice_id)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


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
    refresh_tokens_due(now)
    journeys.journeys_enrol(now=now)
    steps = journeys.journeys_advance(now=now)
    recovered = notices.notices_recover(now=now)
    released = notices.notices_release(now=now)
    return {
        "started": started,
        "resumed": resumed,
        "dispatchers": nudged,
        "notices": released + recovered,
        "journey_steps": steps["sent"],
    }


def _may_resume(campaign: Campaign, now) -> bool:
    if not MessagingPolicy.for_ward(campaign.ward).allows(now):
        return False
    if campaign.pause_reason == Campaign.PauseReason.QUOTA:
        seen = campaign.channel.quota_seen_at
        return seen is None or timezone.localdate(seen) < timezone.localdate(now)
    return True


def refresh_tokens_due(now) -> None:
    """Refresh access tokens that expire within two hours (channels whose tokens expire)."""
    from django_q.tasks import async_task

    soon = now + datetime.timedelta(hours=2)
    keys = [key for key in channel_keys() if channel_class(key).refreshes_tokens]
    due = ChannelAccount.objects.filter(channel__in=keys, is_active=True, token_expires_at__lt=soon)
    for account_id in due.values_list("pk", flat=True):
        async_task("campaigns.tasks.refresh_token", account_id, group="campaigns")


def refresh_token(account_id: int) -> bool:
    account = ChannelAccount.objects.get(pk=account_id)
    with outbound.build_channel(account) as channel:
        return channel.refresh_access_token() is not None


def inbound_act(message_id: int) -> str:
    return acting.inbound_act(message_id=message_id)


def inbound_sweep() -> int:
    return acting.inbound_sweep()

"""Campaign funnels per area (CampaignArea), rebuilt from the recipients' rows.

A campaign's figures move with its start, every message sent, delivery receipt and first click
(each marks the ward's campaigns part in the change feed, which rollup_ward rebuilds) and with
later adoption events, which mark the people's part: only a campaign's conversion window says
which campaigns an event moves. So every refresh also rebuilds the campaigns still measuring,
those whose conversion window (plus a grace period) is not over, in the wards not rebuilt yet.
"""

import datetime
from collections import Counter, defaultdict

from django.db import transaction
from django.utils import timezone

from campaigns.models import Campaign, Recipient
from campaigns.results import conversion_dates, within
from stats.models import CampaignArea

BATCH = 5000
# A campaign's rows keep changing until its conversion window is over, and a little after
# (late delivery receipts, events recorded days later).
CAMPAIGN_GRACE_DAYS = 7


def _campaign_rows(campaign: Campaign) -> list[CampaignArea]:
    """The funnel of campaigns.results.campaign_results, per area (same rules, summable)."""
    R = Recipient.Status
    start = timezone.localdate(campaign.started_at) if campaign.started_at else None
    window = campaign.conversion_window_days
    dates = conversion_dates(campaign, start) if start else {}
    by_area: dict[int | None, Counter] = defaultdict(Counter)
    rows = Recipient.objects.filter(campaign=campaign).values_list(
        "resident_id", "area_id", "status", "sent_at", "delivered_at", "first_clicked_at"
    )
    for resident, area, status, sent_at, delivered_at, clicked_at in rows.iterator(
        chunk_size=BATCH
    ):
        row = by_area[area]
        row["targeted"] += 1
        if status == R.EXCLUDED:
            continue
        row["eligible"] += 1
        converted = within(dates.get(resident, []), start, window)
        if status == R.HOLDOUT:
            row["holdout"] += 1
            row["holdout_converted"] += converted
            continue
        row["treated"] += 1
        row["treated_converted"] += converted
        row["sent"] += sent_at is not None
        row["delivered"] += delivered_at is not None
        row["clicked"] += clicked_at is not None
        delivered_on = timezone.localdate(delivered_at) if delivered_at else None
        row["converted"] += within(dates.get(resident, []), delivered_on, window)
    return [
        CampaignArea(ward_id=campaign.ward_id, campaign=campaign, area_id=area, **row)
        for area, row in by_area.items()
    ]


def rollup_campaign(*, campaign: Campaign) -> None:
    rows = _campaign_rows(campaign)
    with transaction.atomic():
        CampaignArea.objects.filter(campaign=campaign).delete()
        CampaignArea.objects.bulk_create(rows, batch_size=BATCH)


def measuring(today: datetime.date):
    """Campaigns whose figures may still change."""
    oldest = today - datetime.timedelta(days=180 + CAMPAIGN_GRACE_DAYS)
    return Campaign.objects.filter(started_at__isnull=False, started_at__date__gte=oldest)


def rollup_campaigns(*, today: datetime.date | None = None, exclude_wards=()) -> int:
    today = today or timezone.localdate()
    count = 0
    for campaign in measuring(today).exclude(ward__in=exclude_wards):
        start = timezone.localdate(campaign.started_at)
        ends = start + datetime.timedelta(
            days=campaign.conversion_window_days + CAMPAIGN_GRACE_DAYS
        )
        if today <= ends or not CampaignArea.objects.filter(campaign=campaign).exists():
            rollup_campaign(campaign=campaign)
            count += 1
    return count

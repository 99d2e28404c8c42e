"""The campaigns part of `manage.py seed_scale` (see wards.scale): finished campaigns of 2,000
adults each, `--messages` messages per ward with their delivery and clicks. COPY on PostgreSQL."""

import datetime
import random

from campaigns.models import Campaign, ChannelAccount, Recipient
from wards import changes
from wards.bulk import insert_rows, next_id, reset_sequences
from wards.models import Milestone, Resident
from wards.scale import scale_aware, scale_moment, scale_uuid

CAMPAIGN_SIZE = 2000


def add_arguments(parser) -> None:
    parser.add_argument("--messages", type=int, default=0, help="campaign messages per ward")


def seed_ward(*, ward, areas, options: dict, seed: int, today: datetime.date) -> dict:
    if not options.get("messages"):
        return {}
    rng = random.Random(seed * 7 + 3)
    count = seed_messages(ward=ward, areas=areas, count=options["messages"], rng=rng, today=today)
    reset_sequences(Recipient)
    return {"messages": count}


def seed_messages(*, ward, areas, count, rng, today) -> int:
    account = ChannelAccount.objects.create(ward=ward, channel="console", name="Thử tải")
    residents = list(
        Resident.objects.filter(household__ward=ward, birth_year__lte=today.year - 18).values_list(
            "pk", "household__area_id", "phone"
        )
    )
    goals = [
        Milestone.VNEID_LEVEL2_ACTIVATED,
        Milestone.PUBLIC_SERVICE_ACCOUNT,
        Milestone.ONLINE_SUBMISSION,
        Milestone.CASHLESS_PAYMENT,
    ]
    recipient_id = next_id(Recipient)
    sent = 0
    number = 0
    while sent < count:
        size = min(CAMPAIGN_SIZE, count - sent, len(residents))
        started = today - datetime.timedelta(days=rng.randrange(5, 300))
        campaign = Campaign.objects.create(
            ward=ward,
            name=f"Chiến dịch thử {number + 1}",
            goal=goals[number % len(goals)],
            channel=account,
            status=Campaign.Status.DONE,
            started_at=scale_aware(started, rng),
            finished_at=scale_aware(started, rng) + datetime.timedelta(hours=3),
            holdout_percent=10,
        )
        rows = []
        for resident, area, phone in rng.sample(residents, size):
            roll = rng.random()
            status = (
                "holdout"
                if roll < 0.1
                else "excluded"
                if roll < 0.2
                else "failed"
                if roll < 0.25
                else "delivered"
                if roll < 0.85
                else "sent"
            )
            sent_at = (
                scale_moment(started, rng) if status in ("delivered", "sent", "failed") else None
            )
            delivered_at = (
                sent_at + datetime.timedelta(minutes=2) if status == "delivered" else None
            )
            clicked = (
                delivered_at + datetime.timedelta(hours=1)
                if delivered_at and rng.random() < 0.2
                else None
            )
            rows.append(
                (
                    recipient_id,
                    campaign.pk,
                    resident,
                    area,
                    scale_uuid(rng),
                    phone,
                    status,
                    "no_consent" if status == "excluded" else "",
                    "rejected" if status == "failed" else "",
                    "",
                    account.pk if sent_at else None,
                    False,
                    "",
                    "",
                    1 if sent_at else 0,
                    "",
                    sent_at,
                    delivered_at,
                    clicked,
                    1 if clicked else 0,
                )
            )
            recipient_id += 1
        insert_rows(Recipient, RECIPIENT_COLUMNS, rows)
        sent += size
        number += 1
    changes.record(ward_ids=[ward.pk], part=changes.Part.CAMPAIGNS)
    return sent


RECIPIENT_COLUMNS = [
    "id",
    "campaign_id",
    "resident_id",
    "area_id",
    "uid",
    "phone",
    "status",
    "exclusion",
    "failure",
    "error_code",
    "channel_account_id",
    "used_fallback",
    "body",
    "provider_id",
    "attempts",
    "claim",
    "sent_at",
    "delivered_at",
    "first_clicked_at",
    "clicks",
]

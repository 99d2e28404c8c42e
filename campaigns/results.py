"""A campaign's funnel (per channel, per area), failures, opt-outs and uplift against the holdout.

Funnel "converted": an AdoptionEvent of the goal milestone from the day of delivery to the end
of the window after it. Uplift is intention-to-treat: everyone assigned to receive the message
(sent or not) against everyone held out, each counted converted when the event falls within
the window after the campaign started sending, so both groups are measured over the same days.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import uplift as stats
from campaigns.models import Campaign, ChannelAccount, Exclusion, Failure, OptOutEvent, Recipient
from wards.models import AdoptionEvent, Area

R = Recipient.Status
FUNNEL = [
    ("targeted", _("Trong đối tượng")),
    ("eligible", _("Đủ điều kiện")),
    ("to_send", _("Được chọn nhận tin")),
    ("sent", _("Đã gửi")),
    ("delivered", _("Đã đến máy")),
    ("read", _("Đã xem (Zalo)")),
    ("clicked", _("Đã mở liên kết")),
    ("converted", _("Đạt mục tiêu sau khi nhận")),
]


@dataclass
class Funnel:
    label: str
    counts: Counter = field(default_factory=Counter)

    def steps(self):
        top = self.counts["targeted"] or 1
        return [
            {"key": key, "label": label, "count": self.counts[key], "share": self.counts[key] / top}
            for key, label in FUNNEL
        ]

    def get(self, key: str) -> int:
        return self.counts[key]


@dataclass
class Results:
    campaign: Campaign
    total: Funnel
    by_channel: list[Funnel]
    by_area: list[Funnel]
    failures: list[tuple[str, int]]
    exclusions: list[tuple[str, int]]
    in_doubt: int
    opt_outs: int
    uplift: stats.Uplift | None
    verdict: str
    window_ends: datetime.date | None
    measuring: bool

    @property
    def breakdowns(self):
        return [(_("Theo kênh gửi"), self.by_channel), (_("Theo khu phố"), self.by_area)]


def _local_date(moment) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def conversion_dates(campaign: Campaign, since: datetime.date) -> dict[int, list]:
    residents = Recipient.objects.filter(campaign=campaign).values("resident_id")
    dates = defaultdict(list)
    events = AdoptionEvent.objects.filter(
        milestone=campaign.goal, resident_id__in=residents, occurred_on__gte=since
    ).values_list("resident_id", "occurred_on")
    for resident_id, day in events:
        dates[resident_id].append(day)
    return dates


def within(days: list, start: datetime.date | None, window: int) -> bool:
    if start is None:
        return False
    end = start + datetime.timedelta(days=window)
    return any(start <= day <= end for day in days)


def campaign_results(campaign: Campaign, today: datetime.date | None = None) -> Results:
    today = today or timezone.localdate()
    window = campaign.conversion_window_days
    start = _local_date(campaign.started_at)
    rows = list(
        Recipient.objects.filter(campaign=campaign).values(
            "resident_id",
            "area_id",
            "status",
            "exclusion",
            "failure",
            "channel_account_id",
            "sent_at",
            "delivered_at",
            "read_at",
            "first_clicked_at",
        )
    )
    dates = conversion_dates(campaign, start) if start else {}
    accounts = {a.pk: str(a) for a in ChannelAccount.objects.filter(ward=campaign.ward)}
    areas = {a.pk: a.name for a in Area.objects.filter(ward=campaign.ward)}
    total = Funnel(str(_("Toàn chiến dịch")))
    by_channel: dict[int, Funnel] = {}
    by_area: dict[int, Funnel] = {}
    failures, exclusions = Counter(), Counter()
    treated = holdout = treated_converted = holdout_converted = in_doubt = 0
    for row in rows:
        status = row["status"]
        counts = Counter(targeted=1)
        if status != R.EXCLUDED:
            counts["eligible"] = 1
        else:
            exclusions[row["exclusion"]] += 1
        itt_converted = within(dates.get(row["resident_id"], []), start, window)
        if status == R.HOLDOUT:
            holdout += 1
            holdout_converted += itt_converted
        elif status != R.EXCLUDED:
            treated += 1
            treated_converted += itt_converted
            counts["to_send"] = 1
            counts["sent"] = row["sent_at"] is not None
            counts["delivered"] = row["delivered_at"] is not None
            counts["read"] = row["read_at"] is not None
            counts["clicked"] = row["first_clicked_at"] is not None
            delivered_on = _local_date(row["delivered_at"])
            counts["converted"] = within(dates.get(row["resident_id"], []), delivered_on, window)
            if status in (R.FAILED, R.UNDELIVERED):
                failures[row["failure"] or Failure.REJECTED] += 1
            elif status == R.SKIPPED:
                exclusions[row["exclusion"]] += 1
            elif status == R.UNKNOWN:
                in_doubt += 1
        total.counts.update(counts)
        area_funnel = by_area.setdefault(row["area_id"], Funnel(areas.get(row["area_id"], "—")))
        area_funnel.counts.update(counts)
        if row["channel_account_id"]:
            account = row["channel_account_id"]
            by_channel.setdefault(account, Funnel(accounts.get(account, "—"))).counts.update(counts)
    result = stats.two_proportion(treated_converted, treated, holdout_converted, holdout)
    window_ends = start + datetime.timedelta(days=window) if start else None
    measuring = window_ends is not None and today <= window_ends
    return Results(
        campaign=campaign,
        total=total,
        by_channel=sorted(by_channel.values(), key=lambda f: f.label),
        by_area=sorted(by_area.values(), key=lambda f: f.label),
        failures=[(Failure(key).label, n) for key, n in failures.most_common()],
        exclusions=[(Exclusion(key).label, n) for key, n in exclusions.most_common() if key],
        in_doubt=in_doubt,
        opt_outs=OptOutEvent.objects.filter(
            campaign=campaign, action=OptOutEvent.Action.OUT
        ).count(),
        uplift=result,
        verdict=stats.verdict(result, campaign.get_goal_display(), measuring=measuring)
        if start
        else str(_("Chiến dịch chưa bắt đầu gửi.")),
        window_ends=window_ends,
        measuring=measuring,
    )


def progress(campaign: Campaign) -> dict:
    """Counts for the admin's progress bar."""
    counts = Counter(
        dict(
            Recipient.objects.filter(campaign=campaign)
            .values_list("status")
            .annotate(n=Count("id"))
        )
    )
    to_send = sum(n for status, n in counts.items() if status not in (R.EXCLUDED, R.HOLDOUT))
    waiting = counts[R.QUEUED] + counts[R.SENDING]
    done = to_send - waiting
    return {
        "status": campaign.status,
        "status_label": campaign.status_label(),
        "to_send": to_send,
        "done": done,
        "waiting": waiting,
        "sent": sum(counts[s] for s in (R.ACCEPTED, R.SENT, R.DELIVERED, R.READ)),
        "delivered": counts[R.DELIVERED] + counts[R.READ],
        "failed": counts[R.FAILED] + counts[R.UNDELIVERED],
        "skipped": counts[R.SKIPPED],
        "in_doubt": counts[R.UNKNOWN],
        "percent": round(100 * done / to_send) if to_send else 0,
    }

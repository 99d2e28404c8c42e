"""The dashboard's campaign section: each campaign's funnel and uplift, or a row per ward.

Reads the campaign roll-ups through `stats.figures`, and the campaign rows only for names and goals.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import uplift
from campaigns.models import Campaign
from stats import charts, figures
from stats.cells import People


@dataclass
class CampaignRow:
    name: str
    ward: str
    goal: str
    started: datetime.date | None
    status: str
    targeted: People
    delivered: People
    clicked: People
    converted: People
    verdict: str
    funnel: dict


def _verdict(campaign, counts, measuring) -> str:
    small = [counts[k] for k in ("treated", "holdout", "treated_converted", "holdout_converted")]
    if counts["holdout"] == 0:
        return uplift.verdict(None, campaign.get_goal_display())
    if any(People(n).hidden for n in small):
        return _(
            "Chưa đủ số liệu để so sánh với nhóm đối chứng (một nhóm có dưới 5 người hoặc dưới "
            "5 người đạt mục tiêu)."
        )
    result = uplift.two_proportion(
        counts["treated_converted"],
        counts["treated"],
        counts["holdout_converted"],
        counts["holdout"],
    )
    return uplift.verdict(result, campaign.get_goal_display(), measuring=measuring)


def _steps(counts) -> list[tuple[str, People]]:
    return [
        (_("Trong đối tượng"), People(counts["targeted"])),
        (_("Đã đến máy"), People(counts["delivered"])),
        (_("Đã mở liên kết"), People(counts["clicked"])),
        (_("Đạt mục tiêu sau khi nhận"), People(counts["converted"])),
    ]


def _campaign_row(name, ward, goal, started, status, counts, verdict) -> CampaignRow:
    steps = _steps(counts)
    return CampaignRow(
        name=name,
        ward=ward,
        goal=goal,
        started=started,
        status=status,
        targeted=steps[0][1],
        delivered=steps[1][1],
        clicked=steps[2][1],
        converted=steps[3][1],
        verdict=verdict,
        funnel=charts.funnel(steps, title=name),
    )


def campaign_section(report, scope) -> list[CampaignRow] | None:
    """One ward: a row per campaign with its funnel and uplift. Several wards: a row per ward."""
    funnels = figures.campaign_funnels(scope, report.start, report.end)
    if not funnels:
        return None
    campaigns = {
        c.pk: c
        for c in Campaign.objects.filter(pk__in={k[0] for k in funnels}).select_related("ward")
    }
    if report.province:
        by_ward: dict[int, Counter] = {}
        count = Counter()
        for (_campaign, ward_id), counts in funnels.items():
            by_ward.setdefault(ward_id, Counter()).update(counts)
            count[ward_id] += 1
        names = {w.pk: w.name for w in report.wards}
        return [
            _campaign_row(
                names[ward_id],
                names[ward_id],
                _("%(n)s chiến dịch") % {"n": count[ward_id]},
                None,
                "",
                counts,
                "",
            )
            for ward_id, counts in sorted(by_ward.items(), key=lambda i: names[i[0]])
        ]
    rows = []
    for (campaign_id, _ward_id), counts in funnels.items():
        campaign = campaigns[campaign_id]
        started = timezone.localdate(campaign.started_at)
        window_end = started + datetime.timedelta(days=campaign.conversion_window_days)
        rows.append(
            _campaign_row(
                campaign.name,
                campaign.ward.name,
                campaign.get_goal_display(),
                started,
                campaign.status_label(),
                counts,
                _verdict(campaign, counts, report.today <= window_end),
            )
        )
    return sorted(rows, key=lambda r: r.started, reverse=True)

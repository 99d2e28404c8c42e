"""Demo: the ward's targets, twelve months of one-stop figures, and roll-ups built at once.

Idempotent: targets and figures are created only when missing; the roll-ups are rebuilt.
"""

import random

from django.utils import timezone

from stats import periods, rollups
from stats.models import OfficialFigure, WardTarget
from wards.text import fold

TARGETS = {
    "vneid_level2": 70,
    "public_service_account": 60,
    "online_submission": 45,
    "cashless_payment": 70,
}
# Field of procedures: (share of the ward's dossiers, share of them received online at first).
FIELDS = [
    ("Hộ tịch", 0.36, 0.86),
    ("Chứng thực", 0.30, 0.90),
    ("Bảo trợ xã hội", 0.10, 0.80),
    ("Đất đai", 0.08, 0.70),
    ("Xây dựng", 0.06, 0.75),
    ("Người có công", 0.04, 0.78),
    ("Khác", 0.06, 0.82),
]
# The last full month matches the ward's own report: 3,465 of 3,569 dossiers online (97.08 %).
LAST_MONTH = (3569, 3465)


def _figures(ward, today) -> list[OfficialFigure]:
    rng = random.Random(ward.pk * 7919)
    last = periods.month_start(periods.previous_month_end(today))
    month, months = last, []
    for _i in range(12):
        months.append(month)
        month = periods.month_start(month - periods.ONE_DAY)
    rows = []
    for age, month in enumerate(months):  # age 0 is the last full month
        total = LAST_MONTH[0] if age == 0 else int(3569 * (0.85 + 0.25 * rng.random()))
        progress = 1 - age / 12  # online submission grew through the year
        counts = []
        for name, weight, start_rate in FIELDS:
            received = max(1, round(total * weight))
            rate = min(0.995, start_rate + (0.99 - start_rate) * progress)
            counts.append([name, received, round(received * rate)])
        if age == 0:  # make the month add up to the reported totals exactly
            counts[0][1] += LAST_MONTH[0] - sum(c[1] for c in counts)
            counts[0][2] += LAST_MONTH[1] - sum(c[2] for c in counts)
        for name, received, online in counts:
            rows.append(
                OfficialFigure(
                    ward=ward,
                    month=month,
                    field=name,
                    field_key=fold(name),
                    received=received,
                    received_online=online,
                    resolved_on_time=received - rng.randrange(0, max(1, received // 40) + 1),
                )
            )
    return rows


def load(ward) -> None:
    today = timezone.localdate()
    WardTarget.objects.get_or_create(ward=ward, defaults=TARGETS)
    if not OfficialFigure.objects.filter(ward=ward).exists():
        OfficialFigure.objects.bulk_create(_figures(ward, today))
    rollups.rollup_ward(ward=ward, today=today)


# The demo's neighbouring wards get the same targets, figures and roll-ups.
load_neighbour = load

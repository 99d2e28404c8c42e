"""Scheduled roll-up work. Thin: call a service. SCHEDULES is created by wards.schedules."""

import datetime

from stats import campaign_rollups, rollups
from wards.schedules import Every

SCHEDULES = [
    Every("stats.tasks.refresh", "Thống kê: cập nhật phường có thay đổi", minutes=5),
    Every(
        "stats.tasks.rebuild_all", "Thống kê: tính lại mọi phường mỗi đêm", at=datetime.time(0, 20)
    ),
]


def refresh():
    """Every few minutes: wards whose data changed, recent QR scans, campaigns still measuring."""
    rebuilt = rollups.rollup_dirty()
    rollups.rollup_recent_scans()
    # A ward whose campaigns part was just rebuilt has every campaign fresh: once per run.
    campaigns_done = [ward for ward, parts in rebuilt.items() if rollups.Part.CAMPAIGNS in parts]
    campaign_rollups.rollup_campaigns(exclude_wards=campaigns_done)
    return len(rebuilt)


def rebuild_all():
    """Nightly: every ward from its raw rows."""
    return rollups.rollup_all()


def rebuild_ward(ward_id: int):
    from wards.models import Ward

    ward = Ward.objects.filter(pk=ward_id).first()
    if ward is not None:
        rollups.rollup_ward(ward=ward)

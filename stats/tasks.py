"""Scheduled roll-up work (Schedule rows: migration 0002_schedule_rollups). Thin: call a service."""

from stats import rollups


def refresh():
    """Every few minutes: wards whose data changed, recent QR scans, campaigns still measuring."""
    rebuilt = rollups.rollup_dirty()
    rollups.rollup_recent_scans()
    rollups.rollup_campaigns()
    return len(rebuilt)


def rebuild_all():
    """Nightly: every ward from its raw rows."""
    return rollups.rollup_all()


def rebuild_ward(ward_id: int):
    from wards.models import Ward

    ward = Ward.objects.filter(pk=ward_id).first()
    if ward is not None:
        rollups.rollup_ward(ward=ward)

"""Writes of stats' own data: the ward's targets and the one-stop system's monthly figures.

Each is atomic, takes keyword arguments only and leaves an audit entry, whether it comes from
the admin form or from an import (stats.resources sets the same derived fields).
"""

from django.db import transaction
from django.utils import timezone

from stats.models import OfficialFigure, WardTarget
from wards.models import AuditEntry
from wards.services import audit_record
from wards.text import fold, nfc

TARGET_FIELDS = (
    "vneid_level2",
    "public_service_account",
    "online_submission",
    "cashless_payment",
    "note",
)
FIGURE_FIELDS = ("received", "received_online", "resolved_on_time")


def _changed(obj, values: dict) -> dict:
    changed = {}
    for name, value in values.items():
        if getattr(obj, name) != value:
            changed[name] = [str(getattr(obj, name)), str(value)]
            setattr(obj, name, value)
    return changed


@transaction.atomic
def target_set(*, ward, by=None, **values) -> WardTarget:
    """Set the ward's targets (one row per ward), keeping who set them and when."""
    target = WardTarget.objects.select_for_update().filter(ward=ward).first()
    created = target is None
    target = target or WardTarget(ward=ward)
    changed = _changed(target, {name: values[name] for name in TARGET_FIELDS if name in values})
    if created or changed:
        target.updated_at = timezone.now()
        target.updated_by = by if getattr(by, "is_authenticated", False) else None
        target.save()
        audit_record(
            actor=by,
            action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
            obj=target,
            ward=ward,
            changes=changed,
        )
    return target


@transaction.atomic
def official_figure_save(
    *, ward, month, field: str, figure: OfficialFigure | None = None, by=None, **counts
) -> OfficialFigure:
    """Create or correct one month's figures for one field of procedures."""
    created = figure is None
    figure = figure or OfficialFigure(ward=ward)
    name = nfc(field)[:160]
    changed = _changed(
        figure,
        {
            "ward": ward,
            "month": month.replace(day=1),
            "field": name,
            **{key: counts[key] for key in FIGURE_FIELDS if key in counts},
        },
    )
    figure.field_key = fold(name)[:160]
    if created or changed:
        figure.imported_at = timezone.now()
        figure.imported_by = by if getattr(by, "is_authenticated", False) else None
        figure.save()
        audit_record(
            actor=by,
            action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
            obj=figure,
            ward=ward,
            summary=f"{figure.month:%m/%Y} {name}",
            changes=changed,
        )
    return figure


@transaction.atomic
def official_figure_delete(*, figure: OfficialFigure, by=None) -> None:
    audit_record(
        actor=by,
        action=AuditEntry.Action.DELETE,
        obj=figure,
        ward=figure.ward,
        summary=f"{figure.month:%m/%Y} {figure.field}",
    )
    figure.delete()

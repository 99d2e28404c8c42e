"""Writes of the offline channels, each atomic and audited; forms have already checked the input."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns.models import BroadcastSlot, Outreach, TrackedCode
from campaigns.offline import codes
from wards.models import AuditEntry
from wards.services import audit_record

OUTREACH_FIELDS = ("name", "goal", "text", "target_page", "paper")


@transaction.atomic
def outreach_create(*, ward, by, kind: str, areas=(), printed: int = 0, groups=(), **fields):
    """An offline campaign with its tracked codes: one per area for a leaflet, one per group for
    a group post, one spoken code for a loudspeaker campaign (its slots are added later)."""
    outreach = Outreach.objects.create(ward=ward, kind=kind, created_by=by, **fields)
    if kind == Outreach.Kind.LEAFLET:
        for area in areas:
            TrackedCode.objects.create(
                outreach=outreach, code=codes.printed_code(), area=area, printed=printed
            )
    elif kind == Outreach.Kind.GROUP_POST:
        for label in groups:
            TrackedCode.objects.create(outreach=outreach, code=codes.printed_code(), label=label)
    else:
        _spoken_code_create(outreach)
    audit_record(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=outreach,
        ward=ward,
        summary=f"{outreach.get_kind_display()}: {outreach.name}",
    )
    return outreach


def _spoken_code_create(outreach: Outreach, attempts: int = 3) -> None:
    # Two staff saving at once may pick the same next number: the unique code refuses the
    # second, which takes the number after.
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                TrackedCode.objects.create(outreach=outreach, code=codes.spoken_code())
            return
        except IntegrityError:
            if attempt == attempts - 1:
                raise


@transaction.atomic
def leaflet_counts_set(*, code: TrackedCode, printed: int, distributed: int, by=None) -> None:
    """The leaflets printed and handed out in an area: the base of "per 100 leaflets"."""
    changed = {
        name: [getattr(code, name), value]
        for name, value in (("printed", printed), ("distributed", distributed))
        if getattr(code, name) != value
    }
    code.printed, code.distributed = printed, distributed
    code.save(update_fields=["printed", "distributed"])
    if changed:
        audit_record(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=code,
            ward=code.outreach.ward,
            summary=f"{code.code} · {code.place}",
            changes=changed,
        )


@transaction.atomic
def slot_add(*, outreach: Outreach, area, starts_at, by=None) -> BroadcastSlot:
    slot = BroadcastSlot.objects.create(outreach=outreach, area=area, starts_at=starts_at)
    audit_record(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=slot,
        ward=outreach.ward,
        summary=f"{outreach.name} · {area.name} · {timezone.localtime(starts_at):%d/%m/%Y %H:%M}",
    )
    return slot


@transaction.atomic
def slot_confirm(*, slot: BroadcastSlot, by) -> bool:
    """Log that the script was played; the first confirmation stands (a double tap is no-op)."""
    updated = BroadcastSlot.objects.filter(pk=slot.pk, confirmed_at__isnull=True).update(
        confirmed_by=by, confirmed_at=timezone.now()
    )
    return bool(updated)

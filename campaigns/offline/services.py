"""Writes of the offline channels, each atomic; forms have already checked the input."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns.models import BroadcastSlot, Outreach, TrackedCode
from campaigns.offline import codes

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


def leaflet_counts_set(*, code: TrackedCode, printed: int, distributed: int) -> None:
    code.printed, code.distributed = printed, distributed
    code.save(update_fields=["printed", "distributed"])


def slot_add(*, outreach: Outreach, area, starts_at) -> BroadcastSlot:
    return BroadcastSlot.objects.create(outreach=outreach, area=area, starts_at=starts_at)


@transaction.atomic
def slot_confirm(*, slot: BroadcastSlot, by) -> bool:
    """Log that the script was played; the first confirmation stands (a double tap is no-op)."""
    updated = BroadcastSlot.objects.filter(pk=slot.pk, confirmed_at__isnull=True).update(
        confirmed_by=by, confirmed_at=timezone.now()
    )
    return bool(updated)

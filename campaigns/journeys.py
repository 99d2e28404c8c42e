"""Journeys timed from a date, run by the minute tick.

`journeys_enrol` starts a journey for every resident whose triggering AdoptionEvent was recorded
since the last scan (events are often bulk-written, so this reads them instead of hearing
signals). `journeys_advance` sends each due step as a notice — so quiet hours, the per-recipient
cap and opt-outs apply, and the notice's key (journey, resident, step) makes each step go out
exactly once however often the tick runs — and stops as soon as the resident reaches the goal.
A journey that sent every step without the goal being reached ends FINISHED and sends the
`journey_finished` signal; teams hears it and, when the journey asks for it, gives the household's
team a follow-up (campaigns never imports teams).
"""

import datetime
import logging
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from campaigns import audience, templating
from campaigns.models import Enrolment, Journey, JourneyStep
from campaigns.notices import Outgoing, notices_send
from campaigns.signals import journey_finished
from wards import changes
from wards.models import AdoptionEvent, AuditEntry, Resident
from wards.services import audit_record

E = Enrolment.Status
logger = logging.getLogger(__name__)


def _due_at(started_on: datetime.date, delay_days: int) -> datetime.datetime:
    """Midnight local time, `delay_days` after the start (quiet hours hold it to the morning)."""
    day = started_on + datetime.timedelta(days=delay_days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(0, 0)))


@transaction.atomic
def journeys_enrol(*, now=None) -> int:
    now = now or timezone.now()
    started = 0
    for journey in Journey.objects.filter(is_active=True).prefetch_related("steps"):
        first = journey.steps.order_by("position").first()
        events = AdoptionEvent.objects.filter(
            resident__household__ward_id=journey.ward_id,
            milestone=journey.starts_on,
            created_at__gt=journey.scanned_until,
            created_at__lte=now,
        ).values_list("resident_id", "occurred_on")
        rows = [
            Enrolment(
                journey=journey,
                resident_id=resident_id,
                started_on=occurred_on,
                next_position=first.position if first else 1,
                next_due_at=_due_at(occurred_on, first.delay_days) if first else None,
                status=E.ACTIVE if first else E.FINISHED,
            )
            for resident_id, occurred_on in events
        ]
        created = Enrolment.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
        started += len(created)
        Journey.objects.filter(pk=journey.pk).update(scanned_until=now)
        if rows:
            changes.record(ward_ids=[journey.ward_id], part=changes.Part.CAMPAIGNS)
    return started


# What a due step reads: the rest of four tables' rows would be built 5,000 times for nothing.
DUE_FIELDS = (
    "journey",
    "started_on",
    "next_position",
    "resident__full_name",
    "resident__phone",
    "resident__consent_to_messages",
    "resident__household__area__name",
)


def journeys_advance(*, now=None, limit: int = 5000) -> dict:
    """Send the steps that are due; counts by what became of each enrolment.

    One transaction per journey's share of the batch: the notices written together (their keys
    keep each step to one message however often this runs) and the enrolments moved with one
    UPDATE per outcome, each guarded by `status=ACTIVE` so a stop that lands meanwhile holds.
    """
    now = now or timezone.now()
    due = list(
        # A paused journey's steps wait; they go out once it is resumed.
        Enrolment.objects.filter(status=E.ACTIVE, next_due_at__lte=now, journey__is_active=True)
        .select_related("resident__household__area")
        .only(*DUE_FIELDS)
        .order_by("next_due_at")[:limit]
    )
    # One instance per journey, not one per row: 5,000 copies of the journey and its ward cost
    # more to build than the query that reads them.
    by_pk = Journey.objects.select_related("ward").in_bulk({e.journey_id for e in due})
    for enrolment in due:
        enrolment.journey = by_pk[enrolment.journey_id]
    counts = {"sent": 0, "reached": 0, "finished": 0, "stopped": 0}
    reached = _reached(due)
    by_journey: dict[int, list[Enrolment]] = defaultdict(list)
    for enrolment in due:
        by_journey[enrolment.journey_id].append(enrolment)
    for enrolments in by_journey.values():
        for outcome, n in _advance(enrolments, reached).items():
            counts[outcome] += n
    return counts


def _reached(due: list[Enrolment]) -> set[int]:
    by_goal: dict[str, dict[int, int]] = {}
    for enrolment in due:
        by_goal.setdefault(enrolment.journey.goal, {})[enrolment.resident_id] = enrolment.pk
    found = set()
    for goal, residents in by_goal.items():
        ids = Resident.objects.filter(pk__in=list(residents)).filter(audience.reached_q(goal))
        found.update(residents[pk] for pk in ids.values_list("pk", flat=True))
    return found


@transaction.atomic
def _advance(enrolments: list[Enrolment], reached: set[int]) -> dict:
    """One journey's due enrolments: each reached, stopped, finished or moved to its next step."""
    journey = enrolments[0].journey
    steps = list(journey.steps.order_by("position"))
    ended: dict[str, list[int]] = defaultdict(list)  # status → enrolment ids
    moved: dict[tuple, list[int]] = defaultdict(list)  # (next position, due at) → ids
    items, counts = [], defaultdict(int)
    for enrolment in enrolments:
        resident = enrolment.resident
        if enrolment.pk in reached:
            ended[E.REACHED].append(enrolment.pk)
            counts["reached"] += 1
            continue
        if not resident.consent_to_messages or not resident.phone:
            ended[E.STOPPED].append(enrolment.pk)
            counts["stopped"] += 1
            continue
        step = next((s for s in steps if s.position >= enrolment.next_position), None)
        if step is not None:
            items.append(_outgoing(journey, enrolment, step))
        later = next((s for s in steps if step and s.position > step.position), None)
        if later is None:
            ended[E.FINISHED].append(enrolment.pk)
            counts["finished" if step is None else "sent"] += 1
        else:
            moved[(later.position, _due_at(enrolment.started_on, later.delay_days))].append(
                enrolment.pk
            )
            counts["sent"] += 1
    if items:
        notices_send(ward=journey.ward, reason="journey", items=items)
    active = Enrolment.objects.filter(status=E.ACTIVE)
    for status, ids in ended.items():
        active.filter(pk__in=ids).update(status=status, next_due_at=None)
    for (position, due_at), ids in moved.items():
        active.filter(pk__in=ids).update(next_position=position, next_due_at=due_at)
    if ended:
        changes.record(ward_ids=[journey.ward_id], part=changes.Part.CAMPAIGNS)
    if ended[E.FINISHED]:
        finished = set(ended[E.FINISHED])
        residents = {e.pk: e.resident_id for e in enrolments if e.pk in finished}
        _announce_finished(journey, residents)
    return counts


def _announce_finished(journey: Journey, residents: dict[int, int]) -> None:
    """Tell the listeners (the team's follow-up) that these enrolments ended without the goal.

    In a savepoint of its own, not on_commit: what a listener writes commits with the FINISHED
    status or not at all, whereas a callback after the commit is lost for good if the process
    dies in between (the enrolment is no longer due, so no tick would ask again). A listener that
    fails rolls back only its savepoint and is logged; the tick's notices and moves still commit.
    """
    try:
        with transaction.atomic():
            journey_finished.send(sender=Journey, journey=journey, residents=residents)
    except Exception:
        logger.exception("journey %s: a listener of journey_finished failed", journey.pk)


def _outgoing(journey: Journey, enrolment: Enrolment, step) -> Outgoing:
    resident = enrolment.resident
    area = resident.household.area
    context = templating.MessageContext(
        resident.full_name, area.name if area else "", journey.ward.name, ""
    )
    return Outgoing(
        phone=resident.phone,
        text=templating.render(step.text, context),
        dedup_key=f"journey:{journey.pk}:{resident.pk}:{step.position}",
        resident=resident,
    )


def journey_stop(*, ward, phone: str) -> int:
    """A resident replied HUY / DUNG: their journeys stop (opt-out is recorded separately)."""
    return Enrolment.objects.filter(
        journey__ward=ward, resident__phone=phone, status=E.ACTIVE
    ).update(status=E.STOPPED, next_due_at=None)


JOURNEY_FIELDS = ("name", "starts_on", "goal", "ends_with_team_task", "is_active")


@transaction.atomic
def journey_save(*, ward, by, journey: Journey | None = None, steps: list, **fields) -> Journey:
    """Create or change a journey and its steps ([(delay days, text), ...], in order).

    Steps are renumbered 1..n: an enrolment waiting for a step that no longer exists finishes at
    its next tick, one waiting for a changed step gets the new text. Audited, change-marked.
    """
    created = journey is None
    journey = journey or Journey(ward=ward)
    # From the database: a ModelForm has already written the posted values onto the instance.
    stored = Journey.objects.filter(pk=journey.pk).values(*JOURNEY_FIELDS).first() or {}
    before = {} if created else stored
    before_steps = [] if created else list(journey.steps.values_list("delay_days", "text"))
    for name in JOURNEY_FIELDS:
        if name in fields:
            setattr(journey, name, fields[name])
    journey.save()
    journey.steps.all().delete()
    JourneyStep.objects.bulk_create(
        JourneyStep(journey=journey, position=n, delay_days=delay, text=text)
        for n, (delay, text) in enumerate(steps, start=1)
    )
    diff = {
        name: [before.get(name), getattr(journey, name)]
        for name in JOURNEY_FIELDS
        if before.get(name) != getattr(journey, name)
    }
    if [tuple(s) for s in before_steps] != [tuple(s) for s in steps]:
        diff["steps"] = [[list(s) for s in before_steps], [list(s) for s in steps]]
    audit_record(
        actor=by,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        obj=journey,
        ward=ward,
        summary=journey.name,
        changes=diff,
    )
    changes.record(ward_ids=[ward.pk], part=changes.Part.CAMPAIGNS)
    return journey


class JourneyInUse(Exception):
    """A journey residents were enrolled in keeps its history: pause it instead."""


@transaction.atomic
def journey_set_active(*, journey: Journey, by, active: bool) -> bool:
    """Pause (no one new starts it, due steps wait) or resume a journey; False when it already
    was. Audited, change-marked."""
    changed = Journey.objects.filter(pk=journey.pk, is_active=not active).update(is_active=active)
    if not changed:
        return False
    journey.is_active = active
    audit_record(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=journey,
        ward=journey.ward,
        summary=journey.name,
        changes={"is_active": [not active, active]},
    )
    changes.record(ward_ids=[journey.ward_id], part=changes.Part.CAMPAIGNS)
    return True


@transaction.atomic
def journey_delete(*, journey: Journey, by) -> None:
    """Delete a journey no resident was ever enrolled in (JourneyInUse otherwise). Audited.

    An enrolment a tick writes meanwhile still references the row, so the database's foreign
    key refuses the delete at commit rather than losing it."""
    if Enrolment.objects.filter(journey_id=journey.pk).exists():
        raise JourneyInUse
    audit_record(
        actor=by,
        action=AuditEntry.Action.DELETE,
        obj=journey,
        ward=journey.ward,
        summary=journey.name,
        changes={"steps": list(journey.steps.values_list("delay_days", "text"))},
    )
    Journey.objects.filter(pk=journey.pk).delete()
    changes.record(ward_ids=[journey.ward_id], part=changes.Part.CAMPAIGNS)

"""Journeys timed from a date, run by the minute tick.

`journeys_enrol` starts a journey for every resident whose triggering AdoptionEvent was recorded
since the last scan (events are often bulk-written, so this reads them instead of hearing
signals). `journeys_advance` sends each due step as a notice — so quiet hours, the per-recipient
cap and opt-outs apply, and the notice's key (journey, resident, step) makes each step go out
exactly once however often the tick runs — and stops as soon as the resident reaches the goal.
A journey that sent every step without the goal being reached ends FINISHED: the team's list of
households to visit is where that shows (no teams service takes a task from campaigns yet).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from campaigns import audience, templating
from campaigns.models import Enrolment, Journey
from campaigns.notices import notice_send
from wards import changes
from wards.models import AdoptionEvent, Resident

E = Enrolment.Status


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


def journeys_advance(*, now=None, limit: int = 5000) -> dict:
    """Send the steps that are due; counts by what became of each enrolment."""
    now = now or timezone.now()
    due = list(
        Enrolment.objects.filter(status=E.ACTIVE, next_due_at__lte=now)
        .select_related("journey__ward", "resident__household__area")
        .order_by("next_due_at")[:limit]
    )
    counts = {"sent": 0, "reached": 0, "finished": 0, "stopped": 0}
    reached = _reached(due)
    steps = {}
    for enrolment in due:
        journey = enrolment.journey
        if journey.pk not in steps:
            steps[journey.pk] = list(journey.steps.order_by("position"))
        outcome = _advance(enrolment, steps[journey.pk], enrolment.pk in reached)
        counts[outcome] += 1
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
def _advance(enrolment: Enrolment, steps: list, reached: bool) -> str:
    rows = Enrolment.objects.filter(pk=enrolment.pk, status=E.ACTIVE)
    resident = enrolment.resident
    if reached:
        rows.update(status=E.REACHED, next_due_at=None)
        return "reached"
    if not resident.consent_to_messages or not resident.phone:
        rows.update(status=E.STOPPED, next_due_at=None)
        return "stopped"
    step = next((s for s in steps if s.position >= enrolment.next_position), None)
    if step is not None:
        area = resident.household.area
        context = templating.MessageContext(
            resident.full_name, area.name if area else "", enrolment.journey.ward.name, ""
        )
        notice_send(
            ward=enrolment.journey.ward,
            phone=resident.phone,
            text=templating.render(step.text, context),
            reason="journey",
            dedup_key=f"journey:{enrolment.journey_id}:{resident.pk}:{step.position}",
            resident=resident,
        )
    later = next((s for s in steps if step and s.position > step.position), None)
    if later is None:
        rows.update(status=E.FINISHED, next_due_at=None)
        changes.record(ward_ids=[enrolment.journey.ward_id], part=changes.Part.CAMPAIGNS)
        return "finished" if step is None else "sent"
    rows.update(
        next_position=later.position, next_due_at=_due_at(enrolment.started_on, later.delay_days)
    )
    return "sent"


def journey_stop(*, ward, phone: str) -> int:
    """A resident replied HUY / DUNG: their journeys stop (opt-out is recorded separately)."""
    return Enrolment.objects.filter(
        journey__ward=ward, resident__phone=phone, status=E.ACTIVE
    ).update(status=E.STOPPED, next_due_at=None)

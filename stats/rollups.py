"""Builds the roll-up tables from the raw rows: the only writer of stats' roll-ups.

- rollup_ward: one ward (all its tables, or only the parts named), in one transaction, so
  readers see a part before or after a rebuild, never half of one.
- rollup_dirty: the parts of wards the change feed (wards.changes) marked since the last run;
  every write records its mark in its own transaction, bulk writes included.
- rollup_recent_scans: today's and yesterday's QR scans of every ward (scans are logged on a
  hot path that carries no signal).
- rollup_campaigns (stats.campaign_rollups): campaigns still measuring, every run, except in
  the wards rollup_dirty has just rebuilt: a conversion is an adoption event, marked as the
  people's part of a ward, and only the campaign's window says which campaigns it moves.
- rollup_all: every ward, nightly: catches bulk writes, the new year's adults, overdue dates.
"""

import datetime
import time
from collections import Counter, defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from campaigns.models import Campaign
from learning.models import LessonProgress
from qr.models import Scan, ShortLink
from qr.reports import link_days
from stats import summaries
from stats.campaign_rollups import rollup_campaign
from stats.models import (
    AdoptionDay,
    AdoptionMonth,
    AreaSnapshot,
    LearningDay,
    ScanDayCount,
    ScanMonthCount,
    VisitDay,
    VisitMonth,
    WardRollup,
)
from teams.models import FollowUp, Visit
from wards import changes
from wards.bulk import insert_rows
from wards.models import AdoptionEvent, EventSource, Household, Resident, Vneid, Ward

Part = changes.Part
# The parts a ward's rebuild knows. A part it does not know yet (a new app's) is consumed all
# the same, so the feed never fills with marks nobody reads.
ALL_PARTS = frozenset([Part.PEOPLE, Part.VISITS, Part.LEARNING, Part.SCANS, Part.CAMPAIGNS])
# A quiz is passed with at least this share of right answers (4 of 5).
QUIZ_PASS_PERCENT = 80

BATCH = 5000
SOURCE_COLUMN = {
    EventSource.VISIT: "by_visit",
    EventSource.CAMPAIGN: "by_campaign",
    EventSource.SELF_REPORT: "by_self_report",
}


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def adult_birth_year(today: datetime.date) -> int:
    """Residents born in or before this year are adults (18 or more this year)."""
    return today.year - 18


def _lock(ward: Ward) -> WardRollup:
    """Serialise rebuilds of one ward (two workers, or a run longer than its interval)."""
    try:
        WardRollup.objects.get_or_create(ward=ward, defaults={"built_for": datetime.date.min})
    except IntegrityError:  # another worker created it first
        pass
    return WardRollup.objects.select_for_update().get(ward=ward)


# Rows are {key tuple: Counter of values}; `_write` turns them into tuples for a bulk insert
# (COPY on PostgreSQL), which costs a fraction of building model instances.
ADOPTION_KEYS, ADOPTION_VALUES = (
    ("area_id", "day", "milestone"),
    (
        "reached",
        "by_visit",
        "by_campaign",
        "by_self_report",
        "events",
    ),
)
VISIT_KEYS, VISIT_VALUES = ("area_id", "team_id", "day"), ("visits", "met", "households_first")
SCAN_KEYS, SCAN_VALUES = (
    ("ward_id", "area_id", "procedure_id", "placement_id", "day"),
    ("scans", "visitors"),
)
LEARNING_KEYS, LEARNING_VALUES = ("lesson_id", "day"), ("started", "completed", "quizzes", "passed")


def _write(model, keys, values, rows: dict, *, ward_id=None, month=False) -> None:
    """Insert rows; with `month`, the key's "day" column is named "month" (a first day)."""
    columns = ["ward_id"] if ward_id is not None else []
    columns += ["month" if month and key == "day" else key for key in keys]
    columns += list(values)
    prefix = (ward_id,) if ward_id is not None else ()
    insert_rows(
        model,
        columns,
        [prefix + key + tuple(row[v] for v in values) for key, row in rows.items()],
    )


def _by_month(rows: dict, keys) -> dict:
    """The same rows summed by month: the "day" of each key becomes the month's first day."""
    position = keys.index("day")
    months: dict[tuple, Counter] = defaultdict(Counter)
    for key, row in rows.items():
        months[key[:position] + (month_of(key[position]),) + key[position + 1 :]].update(row)
    return months


def _adoption(ward: Ward, today: datetime.date) -> dict:
    """Per area, day and milestone: adults reaching it for the first time, and all events."""
    events = (
        AdoptionEvent.objects.filter(
            resident__household__ward=ward,
            resident__birth_year__lte=adult_birth_year(today),
        )
        .order_by()
        .values_list(
            "resident_id",
            "resident__household__area_id",
            "milestone",
            "occurred_on",
            "source",
            "pk",
        )
    )
    counts: dict[tuple, Counter] = defaultdict(Counter)
    first: dict[tuple, tuple] = {}
    for resident, area, milestone, day, source, pk in events.iterator(chunk_size=BATCH):
        counts[(area, day, milestone)]["events"] += 1
        seen = first.get((resident, milestone))
        if seen is None or (day, pk) < seen[:2]:
            first[(resident, milestone)] = (day, pk, area, source)
    for (_resident, milestone), (day, _pk, area, source) in first.items():
        row = counts[(area, day, milestone)]
        row["reached"] += 1
        if source in SOURCE_COLUMN:
            row[SOURCE_COLUMN[source]] += 1
    return counts


def _visits(ward: Ward) -> dict:
    """Per area, team and day: visits, visits that met somebody, households visited first."""
    visits = (
        Visit.objects.filter(ward=ward)
        .order_by()
        .values_list("area_id", "team_id", "visited_on", "outcome", "household_id", "pk")
    )
    counts: dict[tuple, Counter] = defaultdict(Counter)
    first: dict[int, tuple] = {}
    for area, team, day, outcome, household, pk in visits.iterator(chunk_size=BATCH):
        row = counts[(area, team, day)]
        row["visits"] += 1
        row["met"] += outcome != Visit.Outcome.NOBODY_HOME
        seen = first.get(household)
        if seen is None or (day, pk) < seen[:2]:
            first[household] = (day, pk, area, team)
    for day, _pk, area, team in first.values():
        counts[(area, team, day)]["households_first"] += 1
    return counts


def _snapshots(ward: Ward, today: datetime.date) -> list[AreaSnapshot]:
    adult = Q(birth_year__lte=adult_birth_year(today))
    people = {
        row["household__area"]: row
        for row in Resident.objects.filter(household__ward=ward)
        .values("household__area")
        .annotate(
            residents=Count("pk"),
            adults=Count("pk", filter=adult),
            level2_not_activated=Count("pk", filter=adult & Q(vneid=Vneid.LEVEL2_ISSUED)),
        )
        .order_by()
    }
    households = dict(
        Household.objects.filter(ward=ward).values_list("area").annotate(n=Count("pk")).order_by()
    )
    open_ = Q(status=FollowUp.Status.OPEN)
    follow_ups = {
        row["household__area"]: row
        for row in FollowUp.objects.filter(household__ward=ward)
        .values("household__area")
        .annotate(
            follow_ups_open=Count("pk", filter=open_),
            follow_ups_overdue=Count("pk", filter=open_ & Q(due_on__lt=today)),
        )
        .order_by()
    }
    snapshots = []
    for area_id in ward.areas.values_list("pk", flat=True):
        row = people.get(area_id, {})
        due = follow_ups.get(area_id, {})
        snapshots.append(
            AreaSnapshot(
                ward=ward,
                area_id=area_id,
                residents=row.get("residents", 0),
                adults=row.get("adults", 0),
                level2_not_activated=row.get("level2_not_activated", 0),
                households=households.get(area_id, 0),
                follow_ups_open=due.get("follow_ups_open", 0),
                follow_ups_overdue=due.get("follow_ups_overdue", 0),
                as_of=today,
            )
        )
    return snapshots


def _scan_rows(links, start, end) -> dict:
    """Per ward, area, procedure, placement and day: scans by people and daily visitors, from
    the raw log and qr's daily totals alike (qr.reports.link_days)."""
    info = {
        link.pk: (
            link.placement.ward_id,
            link.placement.area_id,
            link.procedure_id,
            link.placement_id,
        )
        for link in links.select_related("placement").order_by()
    }
    days: dict[tuple, Counter] = defaultdict(Counter)
    for (link_id, day), (scans, visitors, _bots) in link_days(list(info), start, end).items():
        if scans or visitors:
            days[(*info[link_id], day)].update(scans=scans, visitors=visitors)
    return days


def _scans(ward: Ward, today: datetime.date) -> None:
    ScanDayCount.objects.filter(ward=ward).delete()
    ScanMonthCount.objects.filter(ward=ward).delete()
    links = ShortLink.objects.filter(placement__ward=ward)
    days = _scan_rows(links, datetime.date(2000, 1, 1), today)
    _write(ScanDayCount, SCAN_KEYS, SCAN_VALUES, days)
    _write(ScanMonthCount, SCAN_KEYS, SCAN_VALUES, _by_month(days, SCAN_KEYS), month=True)


def rollup_recent_scans(*, today: datetime.date | None = None, days: int = 2) -> int:
    """Today's and yesterday's scans of every ward, read again from the raw log; the months
    they fall in are summed again from the daily rows."""
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=days - 1)
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    links = ShortLink.objects.filter(pk__in=Scan.objects.filter(at__gte=since).values("link_id"))
    with transaction.atomic():
        recent = _scan_rows(links, start, today)
        ward_ids = {key[0] for key in recent} | set(
            ScanDayCount.objects.filter(day__gte=start).values_list("ward_id", flat=True)
        )
        for ward in Ward.objects.filter(pk__in=ward_ids).order_by("pk"):
            _lock(ward)  # a ward's full rebuild must not interleave with this one
        ScanDayCount.objects.filter(ward_id__in=ward_ids, day__gte=start, day__lte=today).delete()
        _write(ScanDayCount, SCAN_KEYS, SCAN_VALUES, recent)
        first = month_of(start)
        stored = ScanDayCount.objects.filter(ward_id__in=ward_ids, day__gte=first).values_list(
            *SCAN_KEYS, *SCAN_VALUES
        )
        days_: dict[tuple, Counter] = defaultdict(Counter)
        for *key, scans, visitors in stored.iterator(chunk_size=BATCH):
            days_[tuple(key)].update(scans=scans, visitors=visitors)
        ScanMonthCount.objects.filter(ward_id__in=ward_ids, month__gte=first).delete()
        _write(ScanMonthCount, SCAN_KEYS, SCAN_VALUES, _by_month(days_, SCAN_KEYS), month=True)
        summaries.summarise(part=Part.SCANS, ward_ids=ward_ids, since=start)
    return len(recent)


def _learning(ward: Ward) -> dict:
    rows = LessonProgress.objects.filter(learner__ward=ward).values_list(
        "lesson_id", "started_at", "completed_at", "best_percent"
    )
    counts: dict[tuple, Counter] = defaultdict(Counter)
    for lesson, started_at, completed_at, best in rows.iterator(chunk_size=BATCH):
        counts[(lesson, timezone.localdate(started_at))]["started"] += 1
        if completed_at is not None:
            row = counts[(lesson, timezone.localdate(completed_at))]
            row["completed"] += 1
            if best is not None:
                row["quizzes"] += 1
                row["passed"] += best >= QUIZ_PASS_PERCENT
    return counts


def rollup_ward(*, ward: Ward, today: datetime.date | None = None, parts=ALL_PARTS) -> WardRollup:
    """Rebuild the roll-ups of one ward (every part, or those named) from its raw rows."""
    today = today or timezone.localdate()
    started = time.perf_counter()
    parts = set(parts)
    with transaction.atomic():
        state = _lock(ward)
        if state.built_for.year != today.year:  # a new year's adults: every count moves
            parts |= {Part.PEOPLE}
        if parts & {Part.PEOPLE, Part.VISITS}:
            AreaSnapshot.objects.filter(ward=ward).delete()
            AreaSnapshot.objects.bulk_create(_snapshots(ward, today), batch_size=BATCH)
        if Part.PEOPLE in parts:
            days = _adoption(ward, today)
            AdoptionDay.objects.filter(ward=ward).delete()
            AdoptionMonth.objects.filter(ward=ward).delete()
            _write(AdoptionDay, ADOPTION_KEYS, ADOPTION_VALUES, days, ward_id=ward.pk)
            months = _by_month(days, ADOPTION_KEYS)
            _write(
                AdoptionMonth, ADOPTION_KEYS, ADOPTION_VALUES, months, ward_id=ward.pk, month=True
            )
            state.built_for = today
        if Part.VISITS in parts:
            days = _visits(ward)
            VisitDay.objects.filter(ward=ward).delete()
            VisitMonth.objects.filter(ward=ward).delete()
            _write(VisitDay, VISIT_KEYS, VISIT_VALUES, days, ward_id=ward.pk)
            months = _by_month(days, VISIT_KEYS)
            _write(VisitMonth, VISIT_KEYS, VISIT_VALUES, months, ward_id=ward.pk, month=True)
        if Part.LEARNING in parts:
            LearningDay.objects.filter(ward=ward).delete()
            _write(LearningDay, LEARNING_KEYS, LEARNING_VALUES, _learning(ward), ward_id=ward.pk)
        if Part.SCANS in parts:
            _scans(ward, today)
        if Part.CAMPAIGNS in parts:
            for campaign in Campaign.objects.filter(ward=ward, started_at__isnull=False):
                rollup_campaign(campaign=campaign)
        for part in parts & summaries.SUMMARIES.keys():  # the province view's per-ward rows
            summaries.summarise(part=part, ward_ids=[ward.pk])
        state.built_at = timezone.now()
        state.seconds = time.perf_counter() - started
        state.save()
    return state


def rollup_dirty(*, today: datetime.date | None = None, limit: int = 50_000) -> dict[int, set]:
    """Rebuild the parts of wards the change feed marked; only the marks read are consumed,
    marks written meanwhile wait for the next run. Returns {ward id: the parts rebuilt}."""
    marks = changes.pending(limit=limit)
    parts: dict[int, set] = defaultdict(set)
    for _pk, ward_id, part in marks:
        if part in ALL_PARTS:
            parts[ward_id].add(part)
    for ward in Ward.objects.filter(pk__in=parts).order_by("pk"):
        rollup_ward(ward=ward, today=today, parts=parts[ward.pk])
    changes.consume([pk for pk, _ward, _part in marks])
    return dict(parts)


def rollup_all(*, today: datetime.date | None = None) -> int:
    wards = list(Ward.objects.order_by("pk"))
    for ward in wards:
        rollup_ward(ward=ward, today=today)
    return len(wards)

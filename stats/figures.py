"""Reads of the roll-up tables: sums for one ward by area, or for many wards by ward.

Every function takes a Scope and returns plain dicts of numbers; stats.report turns them into
what a leader sees. Long ranges read the monthly tables and only the partial months at either
end read the daily ones (stats.periods.pieces), so the cost barely grows with history.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Min, Sum

from stats import periods, summaries
from stats.models import (
    AdoptionDay,
    AdoptionMonth,
    AreaSnapshot,
    CampaignArea,
    LearningDay,
    OfficialFigure,
    ScanDayCount,
    ScanMonthCount,
    VisitDay,
    VisitMonth,
    WardRollup,
)

ADOPTION = ("reached", "by_visit", "by_campaign", "by_self_report")
VISITS = ("visits", "met", "households_first")
SNAPSHOT = (
    "residents",
    "adults",
    "households",
    "level2_not_activated",
    "follow_ups_open",
    "follow_ups_overdue",
)
FUNNEL = (
    "targeted",
    "eligible",
    "sent",
    "delivered",
    "clicked",
    "converted",
    "treated",
    "treated_converted",
    "holdout",
    "holdout_converted",
)


@dataclass(frozen=True)
class Scope:
    """What a report counts. One Scope lives for one report: it remembers the sums it has read
    (`_sums`), so the headlines, the table and the trend share the same few queries."""

    ward_ids: tuple[int, ...]
    area_ids: tuple[int, ...] | None = None  # None: every area of the wards
    by: str = "area_id"  # the unit of the table: "area_id" or "ward_id"
    read: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def rows(self, model, keys=("area_id",)):
        """The rows of `model` to sum by `keys`; over every area, a per-ward summary may stand
        in for the area table (stats.summaries), so the province reads a row per ward."""
        if self.area_ids is not None:
            return model.objects.filter(ward_id__in=self.ward_ids, area_id__in=self.area_ids)
        return summaries.twin(model, keys).objects.filter(ward_id__in=self.ward_ids)


def _sums(scope, models, start, end, keys, fields, *, by_unit=True) -> dict[tuple, Counter]:
    """Sum `fields` over [start, end] grouped by `keys`, from the (daily, monthly) tables.

    Each piece of the range is read once per scope, grouped by the report's unit as well, and
    summed down to `keys` here: "by area" and "in all" of the same days cost one query.
    `by_unit=False` groups by `keys` alone in the database, for a grouping that would be
    many times larger with the unit added (a province's procedures: one per ward)."""
    fine = keys if scope.by in keys or not by_unit else (scope.by, *keys)
    keep = [fine.index(key) for key in keys]
    result: dict[tuple, Counter] = defaultdict(Counter)
    for piece in periods.pieces(start, end):
        for key, row in _piece(scope, models, piece, fine, fields).items():
            result[tuple(key[i] for i in keep)].update(row)
    return result


def _piece(scope, models, piece, keys, fields) -> dict[tuple, Counter]:
    memo = (models, piece, keys, fields)
    if memo not in scope.read:
        (grain, low, high), (day_model, month_model) = piece, models
        if grain == "day":
            rows = scope.rows(day_model, keys).filter(day__gte=low, day__lte=high)
        else:
            rows = scope.rows(month_model, keys).filter(month__gte=low, month__lte=high)
        sums = rows.values(*keys).annotate(**{f"sum_{f}": Sum(f) for f in fields}).order_by()
        scope.read[memo] = {
            tuple(row[k] for k in keys): Counter({f: row[f"sum_{f}"] or 0 for f in fields})
            for row in sums
        }
    return scope.read[memo]


def adoption_between(scope, start, end, *, by_unit=True) -> dict[tuple, Counter]:
    """{(unit, milestone) or (milestone,): counts} of adults who first reached it in [start, end]."""
    keys = (scope.by, "milestone") if by_unit else ("milestone",)
    return _sums(scope, (AdoptionDay, AdoptionMonth), start, end, keys, ADOPTION)


def adoption_through(scope, day, *, by_unit=True) -> dict[tuple, Counter]:
    """Adults who had reached each milestone by the end of `day`."""
    return adoption_between(scope, periods.EPOCH, day, by_unit=by_unit)


def adoption_by_month(scope, start, end) -> dict[datetime.date, Counter]:
    """{month: {milestone: adults who had reached it}} at the end of each month (or at `end`)."""
    first = periods.month_start(start)
    total = Counter(
        {
            milestone: row["reached"]
            for (milestone,), row in adoption_through(
                scope, first - periods.ONE_DAY, by_unit=False
            ).items()
        }
    )
    partial = end != periods.month_end(end)
    last_whole = periods.month_start(end) - periods.ONE_DAY if partial else end
    added: dict[datetime.date, Counter] = defaultdict(Counter)
    whole = (
        scope.rows(AdoptionMonth, ("month", "milestone"))
        .filter(month__gte=first, month__lte=last_whole)
        .values("month", "milestone")
        .annotate(n=Sum("reached"))
        .order_by()
    )
    for row in whole:
        added[row["month"]][row["milestone"]] += row["n"] or 0
    if partial:
        tail = adoption_between(scope, periods.month_start(end), end, by_unit=False)
        for (milestone,), row in tail.items():
            added[periods.month_start(end)][milestone] += row["reached"]
    result = {}
    for month in periods.months(start, end):
        total.update(added.get(month, Counter()))
        result[month] = Counter(total)
    return result


def visits_between(scope, start, end, keys) -> dict[tuple, Counter]:
    return _sums(scope, (VisitDay, VisitMonth), start, end, keys, VISITS)


def visits_by_week(scope, start, end, *, by_team: bool) -> dict[tuple, Counter]:
    """{(week start, team id or None): counts} for the weeks in [start, end]."""
    keys = ("day", "team_id") if by_team else ("day",)
    rows = (
        scope.rows(VisitDay, keys)
        .filter(day__gte=start, day__lte=end)
        .values(*keys)
        .annotate(**{f"sum_{f}": Sum(f) for f in VISITS})
        .order_by()
    )
    result: dict[tuple, Counter] = defaultdict(Counter)
    for row in rows:
        key = (periods.week_start(row["day"]), row.get("team_id"))
        result[key].update({field: row[f"sum_{field}"] or 0 for field in VISITS})
    return result


def scans_between(scope, start, end, keys, *, by_unit=True) -> dict[tuple, Counter]:
    """QR scans in [start, end]; with areas chosen, only posters placed in those areas.
    `keys` may follow the procedure ("procedure__code": a procedure across the wards)."""
    return _sums(
        scope,
        (ScanDayCount, ScanMonthCount),
        start,
        end,
        keys,
        ("scans", "visitors"),
        by_unit=by_unit,
    )


def learning_between(ward_ids, start, end, keys=()) -> dict[tuple, Counter]:
    """Lessons started, completed and quizzes passed by the wards' learners (no areas)."""
    fields = ("started", "completed", "quizzes", "passed")
    rows = LearningDay.objects.filter(ward_id__in=ward_ids, day__gte=start, day__lte=end)
    sums = {f"sum_{f}": Sum(f) for f in fields}
    if not keys:
        total = rows.aggregate(**sums)
        return {(): Counter({f: total[f"sum_{f}"] or 0 for f in fields})}
    rows = rows.values(*keys).annotate(**sums).order_by()
    return {
        tuple(row[k] for k in keys): Counter({f: row[f"sum_{f}"] or 0 for f in fields})
        for row in rows
    }


def snapshots(scope) -> dict[int, Counter]:
    rows = (
        scope.rows(AreaSnapshot).values(scope.by).annotate(**{f"sum_{f}": Sum(f) for f in SNAPSHOT})
    )
    return {
        row[scope.by]: Counter({f: row[f"sum_{f}"] or 0 for f in SNAPSHOT})
        for row in rows.order_by()
    }


def campaign_funnels(scope, start, end) -> dict[tuple, Counter]:
    """{(campaign id, unit): funnel counts} of campaigns that started by `end` and whose
    conversion window reaches `start`."""
    rows = (
        scope.rows(CampaignArea)
        .filter(
            campaign__started_at__date__lte=end,
            campaign__started_at__date__gte=start - datetime.timedelta(days=180),
        )
        .values("campaign_id", "ward_id")
        .annotate(**{f"sum_{f}": Sum(f) for f in FUNNEL})
        .order_by()
    )
    return {
        (row["campaign_id"], row["ward_id"]): Counter({f: row[f"sum_{f}"] or 0 for f in FUNNEL})
        for row in rows
    }


def official_by_month(ward_ids, start, end) -> dict[tuple, Counter]:
    """{(ward id, month): totals over every field} for the months of [start, end]."""
    rows = (
        OfficialFigure.objects.filter(
            ward_id__in=ward_ids, month__gte=periods.month_start(start), month__lte=end
        )
        .values("ward_id", "month")
        .annotate(
            received=Sum("received"),
            received_online=Sum("received_online"),
            resolved_on_time=Sum("resolved_on_time"),
        )
        .order_by()
    )
    return {
        (row["ward_id"], row["month"]): Counter(
            {k: row[k] for k in ("received", "received_online", "resolved_on_time")}
        )
        for row in rows
    }


def official_fields(ward_id, month) -> list[OfficialFigure]:
    return list(OfficialFigure.objects.filter(ward_id=ward_id, month=month).order_by("field"))


def built(ward_ids) -> dict:
    """The oldest and newest rebuild of these wards (for "updated at" on the page)."""
    return WardRollup.objects.filter(ward_id__in=ward_ids).aggregate(
        oldest=Min("built_at"), newest=Max("built_at"), built_for=Min("built_for")
    )

"""Everything a leader's dashboard and its exports show, built from the roll-ups only.

One Report serves the page, the XLSX and the PDF, so they never disagree. Its unit is the area
(one ward) or the ward (a province administrator's view across wards); every count of people
goes through stats.cells, which hides those under five.
"""

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stats import charts, figures, periods
from stats.cells import People, Share
from stats.indicators import INDICATORS, Indicator
from stats.models import WardTarget
from wards.text import vietnamese_sort_key

SORT_KEYS = ["name", "adults", *[i.key for i in INDICATORS], "visited", "overdue", "official"]


@dataclass
class Headline:
    indicator: Indicator
    share: Share
    previous: Share  # at the end of the month before
    previous_month: datetime.date
    target: int | None
    new: People  # adults who first reached it in the period
    new_by_visit: People
    new_by_campaign: People

    @property
    def change(self) -> float | None:
        if self.share.rate is None or self.previous.rate is None:
            return None
        return self.share.rate - self.previous.rate

    @property
    def gap(self) -> float | None:
        """Percentage points still missing to the target (0 once reached)."""
        if self.target is None or self.share.rate is None:
            return None
        return max(0.0, self.target / 100 - self.share.rate)


@dataclass
class Cell:
    indicator: Indicator
    share: Share
    target: int | None

    @property
    def reached_target(self) -> bool | None:
        if self.target is None or self.share.rate is None:
            return None
        return self.share.rate >= self.target / 100


@dataclass
class UnitRow:
    pk: int
    name: str
    url: str
    adults: People
    cells: list[Cell]
    households: People
    visited: Share
    overdue: int
    official: Share | None = None
    rank: int | None = None

    def sort_value(self, key: str):
        """Hidden cells sort together, so the order never tells a hidden count."""
        if key == "name":
            return name_key(self.name)
        if key == "adults":
            return self.adults.shown or -1
        if key == "visited":
            return _rate(self.visited)
        if key == "overdue":
            return self.overdue
        if key == "official":
            return _rate(self.official)
        return next(_rate(c.share) for c in self.cells if c.indicator.key == key)


def name_key(name: str) -> tuple:
    """Vietnamese order, with numbers as numbers: Khu phố 2 before Khu phố 10."""
    return tuple(
        (0, int(part), ()) if part.isdigit() else (1, 0, vietnamese_sort_key(part))
        for part in re.split(r"(\d+)", name)
        if part
    )


def _rate(share: Share | None) -> float:
    return -1.0 if share is None or share.rate is None else share.rate


@dataclass
class Trend:
    months: list[datetime.date]
    series: list[tuple[Indicator, list[Share], int | None]]  # shares by month, target
    charts: list[dict] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple[datetime.date, list[Share]]]:
        """Month by month, a share per indicator: the charts' numbers as a table."""
        return [
            (month, [shares[i] for _indicator, shares, _target in self.series])
            for i, month in enumerate(self.months)
        ]


@dataclass
class Report:
    title: str
    wards: list
    province: bool
    start: datetime.date
    end: datetime.date
    today: datetime.date
    unit_label: str
    selected: list[str]  # names of the chosen areas (or wards); empty: all
    adults: People
    waiting_activation: People  # adults with VNeID level 2 issued, not yet activated
    headlines: list[Headline]
    units: list[UnitRow]
    sort: str
    descending: bool
    trend: Trend
    built: dict
    sections: dict = field(default_factory=dict)  # teams, campaigns, official: stats.sections

    @property
    def ward(self):
        return None if self.province else self.wards[0]


def _targets(wards) -> dict[int, WardTarget]:
    return {t.ward_id: t for t in WardTarget.objects.filter(ward__in=wards)}


def _target(targets, ward_id, key) -> int | None:
    target = targets.get(ward_id)
    return target.percent_for(key) if target else None


def _headlines(scope, start, end, reached, adults: int, targets, single) -> list[Headline]:
    previous_end = periods.previous_month_end(end)
    now: dict[tuple, Counter] = defaultdict(Counter)
    for (_unit, milestone), row in reached.items():  # the units' counts, added up
        now[(milestone,)].update(row)
    before = figures.adoption_through(scope, previous_end, by_unit=False)
    new = figures.adoption_between(scope, start, end, by_unit=False)
    headlines = []
    for indicator in INDICATORS:
        key = (indicator.milestone,)
        period = new.get(key, {})
        headlines.append(
            Headline(
                indicator=indicator,
                share=Share.of(now.get(key, {}).get("reached", 0), adults),
                previous=Share.of(before.get(key, {}).get("reached", 0), adults),
                previous_month=periods.month_start(previous_end),
                target=_target(targets, single, indicator.key) if single else None,
                new=People(period.get("reached", 0)),
                new_by_visit=People(period.get("by_visit", 0)),
                new_by_campaign=People(period.get("by_campaign", 0)),
            )
        )
    return headlines


def _units(scope, units, reached, visited, targets, snapshot, official) -> list[UnitRow]:
    rows = []
    for unit in units:
        counts = snapshot.get(unit.pk, {})
        adults = counts.get("adults", 0)
        ward_id = unit.pk if scope.by == "ward_id" else unit.ward_id
        cells = [
            Cell(
                indicator,
                Share.of(reached.get((unit.pk, indicator.milestone), {}).get("reached", 0), adults),
                _target(targets, ward_id, indicator.key),
            )
            for indicator in INDICATORS
        ]
        households = counts.get("households", 0)
        rows.append(
            UnitRow(
                pk=unit.pk,
                name=unit.name,
                url=reverse("stats:ward", args=[unit.slug]) if scope.by == "ward_id" else "",
                adults=People(adults),
                cells=cells,
                households=People(households),
                visited=Share.of(
                    visited.get((unit.pk,), {}).get("households_first", 0), households
                ),
                overdue=counts.get("follow_ups_overdue", 0),
                official=official.get(unit.pk),
            )
        )
    return rows


def sort_units(rows: list[UnitRow], key: str, descending: bool) -> list[UnitRow]:
    rows = sorted(rows, key=lambda row: name_key(row.name))
    if key != "name":
        rows = sorted(rows, key=lambda row: row.sort_value(key), reverse=descending)
    elif descending:
        rows.reverse()
    return rows


def rank_units(rows: list[UnitRow], key: str) -> None:
    """Rank 1 is the best on `key`; equal values share a rank; hidden ones are not ranked."""
    ordered = sorted(rows, key=lambda row: row.sort_value(key), reverse=True)
    rank, last = 0, None
    for position, row in enumerate(ordered, start=1):
        value = row.sort_value(key)
        if value == -1:
            continue
        if value != last:
            rank, last = position, value
        row.rank = rank


def _trend(scope, start, end, adults: int, targets, single_ward_id) -> Trend:
    by_month = figures.adoption_by_month(scope, start, end)
    months = list(by_month)
    series = [
        (
            indicator,
            [Share.of(by_month[m].get(indicator.milestone, 0), adults) for m in months],
            _target(targets, single_ward_id, indicator.key) if single_ward_id else None,
        )
        for indicator in INDICATORS
    ]
    labels = [f"{m.month}/{m:%y}" for m in months]
    drawn = [
        charts.line(
            labels, shares, marker=indicator.marker, title=str(indicator.label), target=target
        )
        for indicator, shares, target in series
    ]
    return Trend(months, series, drawn)


def _official_latest(ward_ids, start, end) -> dict[int, Share]:
    """Each ward's online application rate in the latest month of the range it reported."""
    latest = {}
    for (ward_id, _month), row in sorted(figures.official_by_month(ward_ids, start, end).items()):
        latest[ward_id] = Share.official(row["received_online"], row["received"])
    return latest


def build_report(
    *,
    wards,
    province=False,
    areas=None,
    narrowed=False,
    start,
    end,
    today,
    sort="name",
    descending=False,
):
    """One ward by area (`areas` narrows it), or several wards by ward (`province`).

    `narrowed`: the wards given are a choice among those the user may see (named on the page).
    """
    from stats import feedback as feedback_figures
    from stats import sections

    wards = list(wards)
    ward_ids = tuple(w.pk for w in wards)
    if province:
        scope = figures.Scope(ward_ids, None, "ward_id")
        units = wards
    else:
        all_areas = list(wards[0].areas.order_by("code"))
        units = [a for a in all_areas if areas is None or a in areas]
        area_ids = None if areas is None else tuple(a.pk for a in units)
        scope = figures.Scope(ward_ids, area_ids, "area_id")
    targets = _targets(wards)
    single = None if province else wards[0].pk
    snapshot = figures.snapshots(scope)
    adults = sum(row.get("adults", 0) for row in snapshot.values())
    official = _official_latest(ward_ids, start, end) if province else {}
    reached = figures.adoption_through(scope, end)  # by unit
    visited = figures.visits_between(scope, periods.EPOCH, end, (scope.by,))
    rows = _units(scope, units, reached, visited, targets, snapshot, official)
    if province:
        rank_units(rows, sort if sort not in ("name", "overdue") else INDICATORS[0].key)
    report = Report(
        title=str(_("Toàn tỉnh")) if province else wards[0].name,
        wards=wards,
        province=province,
        start=start,
        end=end,
        today=today,
        unit_label=str(_("Phường") if province else _("Khu phố")),
        selected=[u.name for u in units] if narrowed or areas is not None else [],
        adults=People(adults),
        waiting_activation=People(
            sum(row.get("level2_not_activated", 0) for row in snapshot.values())
        ),
        headlines=_headlines(scope, start, end, reached, adults, targets, single),
        units=sort_units(rows, sort, descending),
        sort=sort,
        descending=descending,
        trend=_trend(scope, start, end, adults, targets, single),
        built=figures.built(ward_ids),
    )
    report.sections = sections.build(report, scope, snapshot, visited)
    feedback = feedback_figures.section(report)
    if feedback:
        report.sections["feedback"] = feedback
    return report

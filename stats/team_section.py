"""The dashboard's team section: visits and coverage per team (one ward) or per ward (province).

Reads the visit roll-ups through `stats.figures`, and the team rows only for names and areas.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from stats import charts, figures, periods
from stats.cells import People, Share
from teams.models import Team

WEEKS_SHOWN = 12


@dataclass
class TeamRow:
    name: str
    areas: str
    visits: int
    met: int
    households_first: People  # reached for the first time in the period
    coverage: Share  # households ever visited by the end of the period


@dataclass
class TeamSection:
    rows: list[TeamRow]
    weeks: list[datetime.date]
    weekly: list[tuple[str, list[int]]]  # (team, visits per week)
    totals: list[int]
    chart: dict
    # The whole ward on a ward's page: the same figures the province page shows for it.
    ward_total: TeamRow | None = None

    @property
    def week_rows(self) -> list[tuple[datetime.date, list[int], int]]:
        """Week by week: the visits of each team and their total (the chart as a table)."""
        return [
            (week, [values[i] for _name, values in self.weekly], self.totals[i])
            for i, week in enumerate(self.weeks)
        ]


def _weeks(start, end) -> list[datetime.date]:
    first = max(start, end - datetime.timedelta(weeks=WEEKS_SHOWN) + periods.ONE_DAY)
    weeks, week = [], periods.week_start(first)
    while week <= end:
        weeks.append(week)
        week += datetime.timedelta(weeks=1)
    return weeks


def team_section(report, scope, snapshot, visited) -> TeamSection | None:
    start, end = report.start, report.end
    weeks = _weeks(start, end)
    if report.province:  # a row per ward
        in_period = figures.visits_between(scope, start, end, ("ward_id",))
        groups = {w.pk: (w.name, "", [w.pk]) for w in report.wards}
        weekly = figures.visits_by_week(scope, weeks[0], end, by_team=False) if weeks else {}
    else:  # a row per team, over its areas among those chosen
        in_period = figures.visits_between(scope, start, end, ("team_id",))
        teams = Team.objects.filter(ward__in=report.wards).prefetch_related("areas")
        groups = {}
        for team in teams:
            areas = [a for a in team.areas.all() if a.pk in snapshot]
            groups[team.pk] = (team.name, ", ".join(a.name for a in areas), [a.pk for a in areas])
        if (None,) in in_period:
            groups[None] = (_("Không thuộc tổ nào"), "", [])
        groups = {k: v for k, v in groups.items() if v[2] or (k,) in in_period}
        weekly = figures.visits_by_week(scope, weeks[0], end, by_team=True) if weeks else {}
    if not groups or (not any(in_period.values()) and not any(visited.values())):
        return None
    rows = []
    for key, (name, areas, units) in groups.items():
        counts = in_period.get((key,), Counter())
        households = sum(snapshot.get(u, {}).get("households", 0) for u in units)
        ever = sum(visited.get((u,), {}).get("households_first", 0) for u in units)
        rows.append(
            TeamRow(
                name=name,
                areas=areas,
                visits=counts["visits"],
                met=counts["met"],
                households_first=People(counts["households_first"]),
                coverage=Share.of(ever, households),
            )
        )
    ward_total = None
    if not report.province and not report.selected:
        all_units = list(snapshot)
        counts = sum(figures.visits_between(scope, start, end, ("ward_id",)).values(), Counter())
        ward_total = TeamRow(
            name=_("Cả phường"),
            areas="",
            visits=counts["visits"],
            met=counts["met"],
            households_first=People(counts["households_first"]),
            coverage=Share.of(
                sum(visited.get((u,), {}).get("households_first", 0) for u in all_units),
                sum(snapshot.get(u, {}).get("households", 0) for u in all_units),
            ),
        )
    if report.province:
        series = [(_("Toàn tỉnh"), [weekly.get((w, None), {}).get("visits", 0) for w in weeks])]
    else:
        series = [
            (name, [weekly.get((w, key), {}).get("visits", 0) for w in weeks])
            for key, (name, _areas, _units) in groups.items()
        ]
    totals = [sum(values[i] for _name, values in series) for i in range(len(weeks))]
    chart = charts.bars(
        [week.strftime("%d/%m") for week in weeks],
        totals,
        title=_("Lần thăm hộ mỗi tuần"),
        description=_("Số lần thăm hộ của các tổ trong %(n)s tuần gần nhất của kỳ.")
        % {"n": len(weeks)},
    )
    return TeamSection(rows, weeks, series, totals, chart, ward_total)

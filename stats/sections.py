"""The dashboard's sections fed by the other apps: team activity, campaigns, official figures.

Each reads roll-ups (or, for names and settings, the few rows that describe a team or a
campaign) and is left out of the report when its app has nothing in scope.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from campaigns import uplift
from campaigns.models import Campaign
from qr.models import Placement, Procedure
from stats import charts, figures, periods
from stats.cells import People, Share
from teams.models import Team

WEEKS_SHOWN = 12
TOP = 10


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


@dataclass
class CampaignRow:
    name: str
    ward: str
    goal: str
    started: datetime.date | None
    status: str
    targeted: People
    delivered: People
    clicked: People
    converted: People
    verdict: str
    funnel: dict


@dataclass
class ScanSection:
    scans: int
    visitors: int
    procedures: list[dict]  # name, code, scans, visitors: most scanned first
    places: list[dict]  # one ward: placements; several: wards


@dataclass
class LearningSection:
    started: People
    completed: People
    pass_rate: Share  # quizzes passed / quizzes taken
    rows: list[dict]  # one ward: most completed lessons; several: wards


@dataclass
class OfficialSection:
    months: list[dict]  # month, ward (province), received, online, on_time, rate
    latest_month: datetime.date | None
    fields: list  # OfficialFigure rows of the latest month (one ward)


def build(report, scope, snapshot, visited) -> dict:
    """`snapshot` and `visited` (households ever visited) are by unit, as the report read them."""
    result = {}
    teams = team_section(report, scope, snapshot, visited)
    if teams:
        result["teams"] = teams
    campaigns = campaign_section(report, scope)
    if campaigns:
        result["campaigns"] = campaigns
    scans = scan_section(report, scope)
    if scans:
        result["scans"] = scans
    learning = learning_section(report)
    if learning:
        result["learning"] = learning
    official = official_section(report)
    if official:
        result["official"] = official
    return result


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


def _verdict(campaign, counts, measuring) -> str:
    small = [counts[k] for k in ("treated", "holdout", "treated_converted", "holdout_converted")]
    if counts["holdout"] == 0:
        return uplift.verdict(None, campaign.get_goal_display())
    if any(People(n).hidden for n in small):
        return _(
            "Chưa đủ số liệu để so sánh với nhóm đối chứng (một nhóm có dưới 5 người hoặc dưới "
            "5 người đạt mục tiêu)."
        )
    result = uplift.two_proportion(
        counts["treated_converted"],
        counts["treated"],
        counts["holdout_converted"],
        counts["holdout"],
    )
    return uplift.verdict(result, campaign.get_goal_display(), measuring=measuring)


def _steps(counts) -> list[tuple[str, People]]:
    return [
        (_("Trong đối tượng"), People(counts["targeted"])),
        (_("Đã đến máy"), People(counts["delivered"])),
        (_("Đã mở liên kết"), People(counts["clicked"])),
        (_("Đạt mục tiêu sau khi nhận"), People(counts["converted"])),
    ]


def _campaign_row(name, ward, goal, started, status, counts, verdict) -> CampaignRow:
    steps = _steps(counts)
    return CampaignRow(
        name=name,
        ward=ward,
        goal=goal,
        started=started,
        status=status,
        targeted=steps[0][1],
        delivered=steps[1][1],
        clicked=steps[2][1],
        converted=steps[3][1],
        verdict=verdict,
        funnel=charts.funnel(steps, title=name),
    )


def campaign_section(report, scope) -> list[CampaignRow] | None:
    """One ward: a row per campaign with its funnel and uplift. Several wards: a row per ward."""
    funnels = figures.campaign_funnels(scope, report.start, report.end)
    if not funnels:
        return None
    campaigns = {
        c.pk: c
        for c in Campaign.objects.filter(pk__in={k[0] for k in funnels}).select_related("ward")
    }
    if report.province:
        by_ward: dict[int, Counter] = {}
        count = Counter()
        for (_campaign, ward_id), counts in funnels.items():
            by_ward.setdefault(ward_id, Counter()).update(counts)
            count[ward_id] += 1
        names = {w.pk: w.name for w in report.wards}
        return [
            _campaign_row(
                names[ward_id],
                names[ward_id],
                _("%(n)s chiến dịch") % {"n": count[ward_id]},
                None,
                "",
                counts,
                "",
            )
            for ward_id, counts in sorted(by_ward.items(), key=lambda i: names[i[0]])
        ]
    rows = []
    for (campaign_id, _ward_id), counts in funnels.items():
        campaign = campaigns[campaign_id]
        started = timezone.localdate(campaign.started_at)
        window_end = started + datetime.timedelta(days=campaign.conversion_window_days)
        rows.append(
            _campaign_row(
                campaign.name,
                campaign.ward.name,
                campaign.get_goal_display(),
                started,
                campaign.status_label(),
                counts,
                _verdict(campaign, counts, report.today <= window_end),
            )
        )
    return sorted(rows, key=lambda r: r.started, reverse=True)


def _top(counts: dict, describe) -> list[dict]:
    rows = [
        {**describe(key), "scans": c["scans"], "visitors": c["visitors"]}
        for key, c in counts.items()
    ]
    rows.sort(key=lambda row: (-row["scans"], row["name"]))
    return rows[:TOP]


class ProcedureName(NamedTuple):
    code: str
    name: str
    ward_id: int


def scan_section(report, scope) -> ScanSection | None:
    """Top procedures, and top placements (one ward) or wards (several), from one grouping."""
    keys = ("procedure_id",) if report.province else ("procedure_id", "placement_id")
    counts = figures.scans_between(scope, report.start, report.end, keys)
    total = sum(c["scans"] for c in counts.values())
    if not total:
        return None
    # Every procedure of the wards, read as plain tuples: cheaper than naming thousands of ids.
    procedures = {
        pk: ProcedureName(code, name, ward_id)
        for pk, code, name, ward_id in Procedure.objects.filter(ward_id__in=scope.ward_ids)
        .order_by()
        .values_list("pk", "code", "name", "ward_id")
    }
    by_code: dict[str, Counter] = defaultdict(Counter)  # one row per procedure code
    by_place: dict[int, Counter] = defaultdict(Counter)  # placement, or ward
    names = {}
    for key, row in counts.items():
        procedure = procedures[key[0]]
        by_code[procedure.code].update(row)
        names[procedure.code] = procedure.name
        by_place[procedure.ward_id if report.province else key[1]].update(row)
    if report.province:
        ward_names = {w.pk: w.name for w in report.wards}

        def place(ward_id):
            return {"name": ward_names[ward_id], "kind": ""}

    else:
        placements = {
            p.pk: p for p in Placement.objects.filter(pk__in=by_place).select_related("area")
        }

        def place(placement_id):
            placement = placements[placement_id]
            kind = placement.get_kind_display()
            if placement.area:
                kind = f"{kind} · {placement.area.name}"
            return {"name": placement.label, "kind": kind}

    return ScanSection(
        scans=total,
        visitors=sum(c["visitors"] for c in counts.values()),
        procedures=_top(by_code, lambda code: {"name": names[code], "code": code}),
        places=_top(by_place, place),
    )


def learning_section(report) -> LearningSection | None:
    ward_ids = tuple(w.pk for w in report.wards)
    total = figures.learning_between(ward_ids, report.start, report.end)[()]
    if not total["started"] and not total["completed"]:
        return None
    if report.province:
        names = {w.pk: w.name for w in report.wards}
        by_ward = figures.learning_between(ward_ids, report.start, report.end, ("ward_id",))
        rows = [
            {
                "name": names[ward_id],
                "completed": People(c["completed"]),
                "pass_rate": Share.of(c["passed"], c["quizzes"]),
            }
            for (ward_id,), c in sorted(by_ward.items(), key=lambda i: -i[1]["completed"])
        ]
    else:
        by_lesson = figures.learning_between(ward_ids, report.start, report.end, ("lesson_id",))
        titles = dict(
            Page.objects.filter(pk__in=[k[0] for k in by_lesson]).values_list("pk", "title")
        )
        rows = [
            {
                "name": titles.get(lesson_id, "—"),
                "completed": People(c["completed"]),
                "pass_rate": Share.of(c["passed"], c["quizzes"]),
            }
            for (lesson_id,), c in sorted(by_lesson.items(), key=lambda i: -i[1]["completed"])
        ][:TOP]
    return LearningSection(
        started=People(total["started"]),
        completed=People(total["completed"]),
        pass_rate=Share.of(total["passed"], total["quizzes"]),
        rows=rows,
    )


def official_section(report) -> OfficialSection | None:
    ward_ids = tuple(w.pk for w in report.wards)
    by_month = figures.official_by_month(ward_ids, report.start, report.end)
    if not by_month:
        return None
    names = {w.pk: w.name for w in report.wards}
    totals: dict[datetime.date, Counter] = {}
    for (_ward, month), row in by_month.items():
        totals.setdefault(month, Counter()).update(row)
    months = [
        {
            "month": month,
            "received": row["received"],
            "online": row["received_online"],
            "on_time": row["resolved_on_time"],
            "rate": Share.official(row["received_online"], row["received"]),
        }
        for month, row in sorted(totals.items(), reverse=True)
    ]
    latest = months[0]["month"]
    fields = [] if report.province else figures.official_fields(ward_ids[0], latest)
    if report.province:
        latest_by_ward = {}
        for (ward_id, month), row in sorted(by_month.items()):
            latest_by_ward[ward_id] = (month, row)
        fields = [
            {
                "name": names[ward_id],
                "month": month,
                "received": row["received"],
                "online": row["received_online"],
                "on_time": row["resolved_on_time"],
                "rate": Share.official(row["received_online"], row["received"]),
            }
            for ward_id, (month, row) in sorted(latest_by_ward.items(), key=lambda i: names[i[0]])
        ]
    return OfficialSection(months, latest, fields)

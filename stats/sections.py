"""The dashboard's sections fed by the other apps: team activity, campaigns, scans, learning,
official figures.

Each reads roll-ups (or, for names and settings, the few rows that describe a team or a
campaign) and is left out of the report when its app has nothing in scope. Teams and campaigns
have their own modules (`stats.team_section`, `stats.campaign_section`).
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from wagtail.models import Page

from qr.models import Placement, Procedure
from stats import figures
from stats.campaign_section import campaign_section
from stats.cells import People, Share
from stats.team_section import team_section

TOP = 10


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


def _top(counts: dict, describe) -> list[dict]:
    rows = [
        {**describe(key), "scans": c["scans"], "visitors": c["visitors"]}
        for key, c in counts.items()
    ]
    rows.sort(key=lambda row: (-row["scans"], row["name"]))
    return rows[:TOP]


def scan_section(report, scope) -> ScanSection | None:
    """Top procedures, and top placements (one ward) or wards (several)."""
    if report.province:
        return _province_scans(report, scope)
    counts = figures.scans_between(
        scope, report.start, report.end, ("procedure_id", "placement_id")
    )
    total = sum(c["scans"] for c in counts.values())
    if not total:
        return None
    procedures = {
        pk: (code, name)
        for pk, code, name in Procedure.objects.filter(ward_id__in=scope.ward_ids)
        .order_by()
        .values_list("pk", "code", "name")
    }
    by_code: dict[str, Counter] = defaultdict(Counter)  # one row per procedure code
    by_place: dict[int, Counter] = defaultdict(Counter)
    names = {}
    for (procedure_id, placement_id), row in counts.items():
        code, names[code] = procedures[procedure_id]
        by_code[code].update(row)
        by_place[placement_id].update(row)
    placements = {p.pk: p for p in Placement.objects.filter(pk__in=by_place).select_related("area")}

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


def _province_scans(report, scope) -> ScanSection | None:
    """Across wards each ward has its own copy of a procedure, so the sums are grouped by code
    and by ward in the database: a row per code and per ward, not one per ward and procedure."""
    by_ward = figures.scans_between(scope, report.start, report.end, ("ward_id",))
    total = sum(c["scans"] for c in by_ward.values())
    if not total:
        return None
    by_code = {
        code: row
        for (code,), row in figures.scans_between(
            scope, report.start, report.end, ("procedure__code",), by_unit=False
        ).items()
    }
    # Names only for the codes that can make the top (ties at the cut are named too).
    cut = sorted((c["scans"] for c in by_code.values()), reverse=True)[:TOP][-1]
    shown = [code for code, row in by_code.items() if row["scans"] >= cut]
    names = dict(
        Procedure.objects.filter(ward_id__in=scope.ward_ids, code__in=shown)
        .order_by("code")
        .values_list("code", "name")
        .distinct()
    )
    ward_names = {w.pk: w.name for w in report.wards}
    return ScanSection(
        scans=total,
        visitors=sum(c["visitors"] for c in by_ward.values()),
        procedures=_top(
            {code: by_code[code] for code in shown},
            lambda code: {"name": names[code], "code": code},
        ),
        places=_top(
            {ward_id: row for (ward_id,), row in by_ward.items()},
            lambda ward_id: {"name": ward_names[ward_id], "kind": ""},
        ),
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

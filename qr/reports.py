"""Scan counts for the admin report: raw scans (last ~90 days) and daily totals (older), read as
one. Unique visitors are counted per link and day (the visitor hash changes every day), and
added up from there, so the figures are the same before and after the roll-up."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from qr.models import Placement, Scan, ScanDay, ShortLink

SILENT_DAYS = 30


@dataclass
class Counts:
    scans: int = 0
    visitors: int = 0

    def add(self, scans: int, visitors: int) -> None:
        self.scans += scans
        self.visitors += visitors


@dataclass
class Report:
    start: datetime.date
    end: datetime.date
    total: Counts = field(default_factory=Counts)
    bots: int = 0
    by_day: list = field(default_factory=list)  # (day, Counts), every day of the range
    by_procedure: list = field(default_factory=list)  # (procedure, Counts), most scanned first
    by_placement: list = field(default_factory=list)  # (placement, Counts)
    rows: list = field(default_factory=list)  # (day, procedure, placement, Counts) for CSV
    silent_placements: list = field(default_factory=list)


def _bounds(start: datetime.date, end: datetime.date):
    def midnight(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    return midnight(start), midnight(end + datetime.timedelta(days=1))


def link_days(links, start: datetime.date, end: datetime.date) -> dict:
    """{(link_id, day): [scans, visitors, bots]} over raw rows and daily totals."""
    since, until = _bounds(start, end)
    merged: dict = defaultdict(lambda: [0, 0, 0])
    raw = (
        Scan.objects.filter(link__in=links, at__gte=since, at__lt=until)
        .annotate(day=TruncDate("at"))
        .values("link_id", "day")
        .annotate(
            scans=Count("id", filter=Q(is_bot=False)),
            visitors=Count("visitor", filter=Q(is_bot=False), distinct=True),
            bots=Count("id", filter=Q(is_bot=True)),
        )
        .order_by()
    )
    rolled = ScanDay.objects.filter(link__in=links, day__gte=start, day__lte=end).values(
        "link_id", "day", "scans", "visitors", "bots"
    )
    for row in [*raw, *rolled]:
        entry = merged[(row["link_id"], row["day"])]
        entry[0] += row["scans"]
        entry[1] += row["visitors"]
        entry[2] += row["bots"]
    return merged


def scan_report(*, ward, start: datetime.date, end: datetime.date, procedure=None, placement=None):
    links = ShortLink.objects.filter(placement__ward=ward)
    if procedure is not None:
        links = links.filter(procedure=procedure)
    if placement is not None:
        links = links.filter(placement=placement)
    link_map = {link.pk: link for link in links.select_related("procedure", "placement").order_by()}
    report = Report(start=start, end=end)
    per_day: dict = defaultdict(Counts)
    per_procedure: dict = defaultdict(Counts)
    per_placement: dict = defaultdict(Counts)
    for (link_id, day), (scans, visitors, bots) in sorted(
        link_days(list(link_map), start, end).items(), key=lambda item: item[0][1]
    ):
        link = link_map[link_id]
        report.bots += bots
        if not scans:
            continue
        report.total.add(scans, visitors)
        per_day[day].add(scans, visitors)
        per_procedure[link.procedure].add(scans, visitors)
        per_placement[link.placement].add(scans, visitors)
        report.rows.append((day, link.procedure, link.placement, Counts(scans, visitors)))
    day = start
    while day <= end:
        report.by_day.append((day, per_day.get(day, Counts())))
        day += datetime.timedelta(days=1)

    def most(item):
        return (-item[1].scans, -item[1].visitors, str(item[0]))

    report.by_procedure = sorted(per_procedure.items(), key=most)
    report.by_placement = sorted(per_placement.items(), key=most)
    report.silent_placements = silent_placements(ward=ward)
    return report


def silent_placements(*, ward, today: datetime.date | None = None) -> list:
    """Active placements without a single scan by a person in the last 30 days."""
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=SILENT_DAYS - 1)
    since, _until = _bounds(start, today)
    scanned = set(
        Scan.objects.people()
        .filter(link__placement__ward=ward, at__gte=since)
        .values_list("link__placement_id", flat=True)
        .distinct()
    )
    scanned |= set(
        ScanDay.objects.filter(link__placement__ward=ward, day__gte=start, scans__gt=0)
        .values_list("link__placement_id", flat=True)
        .distinct()
    )
    return list(Placement.objects.filter(ward=ward).active().exclude(pk__in=scanned))

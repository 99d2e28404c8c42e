"""The per-ward summaries the province view reads equal the area roll-ups they are built from,
after a ward's rebuild, after the refresh of recent scans, and after a change and its refresh."""

import datetime

from django.urls import reverse
from django.utils import timezone

from qr.models import Placement, Procedure, Scan, ShortLink
from stats import figures, periods, rollups
from stats.models import AdoptionWardMonth, ScanWardDay, VisitWardDay
from tests.stats.conftest import local, person, reach, visit
from wards.models import Area, Milestone

TODAY = datetime.date(2026, 3, 15)
D = datetime.date
RANGES = [
    (periods.EPOCH, TODAY),
    (D(2025, 1, 10), D(2025, 1, 20)),
    (D(2025, 1, 31), D(2025, 2, 1)),
    (D(2025, 3, 1), D(2025, 5, 31)),
    (D(2025, 2, 14), D(2025, 11, 3)),
    (D(2026, 3, 1), TODAY),
]


def scopes(*wards):
    """The province's scope (summaries) and the same wards named area by area (area tables)."""
    ward_ids = tuple(w.pk for w in wards)
    areas = tuple(Area.objects.filter(ward__in=wards).values_list("pk", flat=True))
    return figures.Scope(ward_ids, None, "ward_id"), figures.Scope(ward_ids, areas, "ward_id")


def test_adoption_summaries_equal_the_area_rows_for_every_range(busy_ward):
    w = busy_ward
    rollups.rollup_all(today=TODAY)
    assert AdoptionWardMonth.objects.filter(ward=w.a).exists()
    summary, areas = scopes(w.a, w.b)
    checked = 0
    for start, end in RANGES:
        by_summary = figures.adoption_between(summary, start, end)
        assert by_summary == figures.adoption_between(areas, start, end), (start, end)
        checked += sum(row["reached"] for row in by_summary.values())
    assert checked > 50
    trend = figures.adoption_by_month(summary, D(2025, 2, 14), TODAY)
    assert trend == figures.adoption_by_month(areas, D(2025, 2, 14), TODAY)


def test_visit_and_scan_summaries_follow_a_refresh(two_wards):
    w = two_wards
    today = timezone.localdate()
    homes = [person(area, f"Chủ Hộ {i}").household for i, area in enumerate([w.a1, w.a2] * 3)]
    for i, home in enumerate(homes):
        visit(home, today - datetime.timedelta(days=i * 20))
    procedure = Procedure.objects.create(
        ward=w.a, code="1.001193", name="Khai sinh", field="Hộ tịch"
    )
    boards = [
        Placement.objects.create(ward=w.a, label=f"Bảng tin {a.code}", kind="board", area=a)
        for a in (w.a1, w.a2)
    ]
    links = [
        ShortLink.objects.create(code=f"ks{i}", procedure=procedure, placement=board)
        for i, board in enumerate(boards)
    ]
    for i in range(7):
        Scan.objects.create(link=links[i % 2], at=local(today, 8), device="mobile", visitor=f"v{i}")
    rollups.rollup_dirty()
    rollups.rollup_ward(ward=w.a)
    summary, areas = scopes(w.a)
    start = today - datetime.timedelta(days=200)
    assert figures.visits_between(summary, start, today, ("ward_id",)) == figures.visits_between(
        areas, start, today, ("ward_id",)
    )
    assert sum(VisitWardDay.objects.filter(ward=w.a).values_list("visits", flat=True)) == 6
    assert ScanWardDay.objects.get(ward=w.a, day=today).scans == 7

    # A new scan reaches the summaries through the scheduled refresh of recent scans.
    Scan.objects.create(link=links[0], at=timezone.now(), device="mobile", visitor="new")
    rollups.rollup_recent_scans()
    keys = ("procedure_id",)
    assert figures.scans_between(summary, today, today, keys) == figures.scans_between(
        areas, today, today, keys
    )
    assert ScanWardDay.objects.get(ward=w.a, day=today).scans == 8


def test_the_province_page_reads_the_summaries_and_shows_a_new_activation(client, dashboard):
    resident = person(dashboard.a1, "Người Mới")
    rollups.rollup_dirty()
    client.force_login(dashboard.province)
    before = client.get(reverse("stats:dashboard")).context["report"]
    reach(resident, Milestone.VNEID_LEVEL2_ACTIVATED, timezone.localdate())
    rollups.rollup_dirty()
    response = client.get(reverse("stats:dashboard"))
    after = response.context["report"]
    assert response.status_code == 200 and after.province
    ward_a = {row.name: row for row in after.units}[dashboard.a.name]
    old_a = {row.name: row for row in before.units}[dashboard.a.name]
    assert ward_a.cells[0].share.part.value == old_a.cells[0].share.part.value + 1
    assert after.headlines[0].share.part.value == before.headlines[0].share.part.value + 1

"""The scan report: people only, per day / procedure / placement, silent placements, CSV, and
identical figures before and after raw scans are rolled into daily totals."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from qr import reports, services
from qr.models import Scan, ScanDay
from wards.roles import Role

TODAY = datetime.date(2026, 6, 30)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def links(catalogue):
    s = services.short_link_get_or_create
    return {
        "birth_counter": s(procedure=catalogue.birth, placement=catalogue.counter),
        "birth_board": s(procedure=catalogue.birth, placement=catalogue.board),
        "marriage_counter": s(procedure=catalogue.procedures[1], placement=catalogue.counter),
    }


def log(link, day, visitor, *, bot=False, hour=10):
    return Scan.objects.create(
        link=link,
        at=at(day, hour),
        device="other" if bot else "mobile",
        is_bot=bot,
        visitor=visitor,
    )


@pytest.fixture
def history(links):
    """Scans spread over 200 days, with repeat visitors, bots and two scans near midnight."""
    day = TODAY - datetime.timedelta(days=200)
    n = 0
    while day <= TODAY:
        for key, link in links.items():
            for k in range((n + len(key)) % 4):
                log(link, day, f"v{(n + k) % 3}")  # some visitors scan twice a day
            if n % 7 == 0:
                log(link, day, "bot", bot=True)
        n += 1
        day += datetime.timedelta(days=1)
    edge = TODAY - datetime.timedelta(days=95)
    log(links["birth_board"], edge, "late", hour=23)
    log(links["birth_board"], edge + datetime.timedelta(days=1), "late", hour=0)


def snapshot(catalogue, start, end, **filters):
    report = reports.scan_report(ward=catalogue.a, start=start, end=end, **filters)
    return (
        (report.total.scans, report.total.visitors, report.bots),
        [(d, c.scans, c.visitors) for d, c in report.by_day],
        [(p.pk, c.scans, c.visitors) for p, c in report.by_procedure],
        [(p.pk, c.scans, c.visitors) for p, c in report.by_placement],
        [(d, p.pk, pl.pk, c.scans, c.visitors) for d, p, pl, c in report.rows],
    )


def test_reports_are_identical_before_and_after_the_roll_up(catalogue, links, history):
    ranges = [
        (TODAY - datetime.timedelta(days=200), TODAY),
        (TODAY - datetime.timedelta(days=120), TODAY - datetime.timedelta(days=60)),
        (TODAY - datetime.timedelta(days=96), TODAY - datetime.timedelta(days=94)),
    ]
    filtered = {"procedure": catalogue.birth, "placement": catalogue.board}
    before = [snapshot(catalogue, *r) for r in ranges] + [
        snapshot(catalogue, *ranges[0], **filtered)
    ]
    silent_before = reports.silent_placements(ward=catalogue.a, today=TODAY)
    raw_before = Scan.objects.count()

    moved = services.scans_roll_up(today=TODAY)

    assert moved > 0 and Scan.objects.count() == raw_before - moved
    cutoff = at(TODAY - datetime.timedelta(days=90), 0)
    assert not Scan.objects.filter(at__lt=cutoff).exists()
    assert Scan.objects.filter(at__gte=cutoff).exists()
    assert ScanDay.objects.exists()
    after = [snapshot(catalogue, *r) for r in ranges] + [
        snapshot(catalogue, *ranges[0], **filtered)
    ]
    assert after == before
    assert reports.silent_placements(ward=catalogue.a, today=TODAY) == silent_before
    assert services.scans_roll_up(today=TODAY) == 0  # nothing left to move: idempotent
    assert [snapshot(catalogue, *r) for r in ranges] == before[:3]


def test_people_are_counted_once_a_day_per_code_and_bots_never(catalogue, links):
    day = TODAY
    log(links["birth_board"], day, "a")
    log(links["birth_board"], day, "a")
    log(links["birth_board"], day, "b")
    log(links["birth_counter"], day, "a")
    log(links["birth_board"], day, "x", bot=True)
    log(links["birth_board"], day - datetime.timedelta(days=1), "a")
    report = reports.scan_report(ward=catalogue.a, start=day - datetime.timedelta(days=1), end=day)
    assert (report.total.scans, report.total.visitors, report.bots) == (5, 4, 1)
    by_placement = {p.label: (c.scans, c.visitors) for p, c in report.by_placement}
    assert by_placement == {"Bảng tin khu A2": (4, 3), "Bộ phận một cửa": (1, 1)}
    assert [(p.name, c.scans) for p, c in report.by_procedure] == [("Đăng ký khai sinh", 5)]
    assert report.by_day[-1][1].scans == 4 and report.by_day[0][1].scans == 1


def test_placements_without_a_scan_in_30_days_are_listed(catalogue, links):
    log(links["birth_counter"], TODAY - datetime.timedelta(days=3), "a")
    log(links["birth_board"], TODAY - datetime.timedelta(days=40), "a")
    log(links["birth_board"], TODAY - datetime.timedelta(days=2), "bot", bot=True)
    silent = reports.silent_placements(ward=catalogue.a, today=TODAY)
    assert silent == [catalogue.board]


def test_the_report_page_and_its_csv(staff_client, catalogue, links):
    today = timezone.localdate()
    log(links["birth_board"], today, "a")
    log(links["marriage_counter"], today, "b")
    log(links["marriage_counter"], today, "c", bot=True)
    response = staff_client.get(reverse("qr_scan_report"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "2 lượt quét, 2 người quét" in body and "Đã loại 1 lượt" in body
    assert "Bảng tin khu A2" in body and "Đăng ký kết hôn" in body
    assert "phường B" not in body

    response = staff_client.get(reverse("qr_scan_report_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["ngay", "ma_thu_tuc", "ten_thu_tuc", "noi_dan", "luot_quet", "nguoi_quet"]
    assert sorted(rows[1:]) == sorted(
        [
            [today.isoformat(), "1.001193", "Đăng ký khai sinh", "Bảng tin khu A2", "1", "1"],
            [today.isoformat(), "1.000894", "Đăng ký kết hôn", "Bộ phận một cửa", "1", "1"],
        ]
    )


def test_a_bad_date_is_a_clear_400_not_a_crash(staff_client, catalogue):
    response = staff_client.get(reverse("qr_scan_report"), {"tu": "31/02/2026"})
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()


def test_the_report_is_scoped_to_the_users_ward(client, catalogue, links):
    other_link = services.short_link_get_or_create(
        procedure=catalogue.other, placement=catalogue.other_place
    )
    log(other_link, timezone.localdate(), "z")
    client.force_login(catalogue.users[Role.WARD_ADMIN])
    body = client.get(reverse("qr_scan_report"), {"ward": catalogue.b.pk}).content.decode()
    assert "Một cửa phường B" not in body and "0 lượt quét" in body
    client.force_login(catalogue.users[Role.TEAM_MEMBER])
    assert client.get(reverse("qr_scan_report")).status_code in (302, 403)

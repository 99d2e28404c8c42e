"""Team activity, campaigns, QR scans and learning on the dashboard: the roll-ups equal what the
owning apps count from their raw rows."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.results import campaign_results
from qr.models import Placement, Procedure, Scan, ScanDay, ShortLink
from qr.reports import scan_report
from stats import rollups
from stats.models import CampaignArea, LearningDay, ScanDayCount
from tests.stats.conftest import local, person, visit
from wards import changes


def dashboard_for(client, user, **params):
    client.force_login(user)
    return client.get(reverse("stats:dashboard"), params)


def test_team_activity_by_week_with_coverage_of_the_teams_areas(client, dashboard, team_a):
    today = dashboard.today
    homes = [person(dashboard.a1, f"Chủ Hộ {i}").household for i in range(5)]
    for home in homes:
        visit(home, today, team=team_a)
    visit(homes[0], today - datetime.timedelta(days=7), team=team_a)
    rollups.rollup_dirty()
    response = dashboard_for(client, dashboard.leader)
    section = response.context["report"].sections["teams"]
    (row,) = section.rows
    assert (row.name, row.visits, row.households_first.value) == (team_a.name, 6, 5)
    # a1 has 20 households (the fixture's, 14 people's own, and these 5): 5 visited
    assert (row.coverage.part.value, row.coverage.whole.value) == (5, 20)
    assert section.totals[-1] == 5 and section.totals[-2] == 1
    html = response.content.decode()
    assert "Lần thăm hộ mỗi tuần" in html and team_a.name in html


def test_campaign_rollup_equals_the_campaigns_own_results(sent_campaign):
    ours = {f: 0 for f in ("targeted", "eligible", "sent", "delivered", "clicked", "converted")}
    itt = {f: 0 for f in ("treated", "treated_converted", "holdout", "holdout_converted")}
    for row in CampaignArea.objects.filter(campaign=sent_campaign):
        for field in ours:
            ours[field] += getattr(row, field)
        for field in itt:
            itt[field] += getattr(row, field)
    theirs = campaign_results(sent_campaign)
    assert ours == {field: theirs.total.get(field) for field in ours}
    assert ours == {
        "targeted": 23,
        "eligible": 20,
        "sent": 12,
        "delivered": 8,
        "clicked": 3,
        "converted": 6,
    }
    assert (itt["treated"], itt["treated_converted"]) == (
        theirs.uplift.treated,
        theirs.uplift.treated_converted,
    )
    assert (itt["holdout"], itt["holdout_converted"]) == (8, theirs.uplift.holdout_converted)


def test_campaigns_show_their_funnel_and_a_careful_verdict(client, dashboard, sent_campaign):
    response = dashboard_for(client, dashboard.leader)
    (row,) = response.context["report"].sections["campaigns"]
    assert (str(row.targeted), str(row.delivered), str(row.clicked)) == ("23", "8", "<5")
    # two converted in the holdout: too few to compare, and the page says so
    assert "Chưa đủ số liệu để so sánh với nhóm đối chứng" in row.verdict
    assert "Nhắc kích hoạt mức 2" in response.content.decode()


@pytest.fixture
def scans(dashboard):
    """Ward A: a counter and a notice board in a1; 3 procedures; raw scans this week and rolled
    daily totals from last year. A bot scan that must never count."""
    w = dashboard
    counter = Placement.objects.create(ward=w.a, label="Quầy một cửa", kind=Placement.Kind.COUNTER)
    board = Placement.objects.create(
        ward=w.a, label="Bảng tin a1", kind=Placement.Kind.NOTICE_BOARD, area=w.a1
    )
    birth, marriage = (
        Procedure.objects.create(ward=w.a, code=code, name=name, field="Hộ tịch")
        for code, name in (("1.001193", "Đăng ký khai sinh"), ("1.000894", "Đăng ký kết hôn"))
    )
    links = {
        (birth, counter): ShortLink.objects.create(code="ks1", procedure=birth, placement=counter),
        (birth, board): ShortLink.objects.create(code="ks2", procedure=birth, placement=board),
        (marriage, board): ShortLink.objects.create(
            code="kh2", procedure=marriage, placement=board
        ),
    }
    today = w.today
    for (_procedure, placement), link in links.items():
        count = 7 if placement == counter else 3
        for i in range(count):
            Scan.objects.create(link=link, at=local(today, 8), device="mobile", visitor=f"v{i}")
    Scan.objects.create(
        link=links[(birth, counter)], at=local(today, 9), device="other", is_bot=True, visitor="b"
    )
    ScanDay.objects.create(
        link=links[(marriage, board)], day=today - datetime.timedelta(days=100), scans=9, visitors=6
    )
    return links


def test_scans_rollup_equals_the_qr_report_and_follows_new_scans(client, dashboard, scans):
    rollups.rollup_all()
    start, end = dashboard.today - datetime.timedelta(days=200), dashboard.today
    theirs = scan_report(ward=dashboard.a, start=start, end=end)
    response = dashboard_for(client, dashboard.leader, tu=start.strftime("%d/%m/%Y"))
    section = response.context["report"].sections["scans"]
    assert (section.scans, section.visitors) == (theirs.total.scans, theirs.total.visitors)
    assert (section.scans, section.visitors) == (7 + 3 + 3 + 9, 7 + 3 + 3 + 6)
    assert [(r["name"], r["scans"]) for r in section.procedures] == [
        ("Đăng ký kết hôn", 12),
        ("Đăng ký khai sinh", 10),
    ]
    assert [(r["name"], r["scans"]) for r in section.places] == [
        ("Bảng tin a1", 15),
        ("Quầy một cửa", 7),
    ]
    # A scan right now shows after the next scheduled refresh, without a full rebuild.
    Scan.objects.create(link=scans[next(iter(scans))], device="mobile", visitor="new")
    rollups.rollup_recent_scans()
    section = (
        dashboard_for(client, dashboard.leader, tu=start.strftime("%d/%m/%Y"))
        .context["report"]
        .sections["scans"]
    )
    assert section.scans == 23
    # Choosing areas keeps only posters placed in them (the counter has no area).
    narrowed = dashboard_for(client, dashboard.leader, chon="a1", tu=start.strftime("%d/%m/%Y"))
    assert narrowed.context["report"].sections["scans"].scans == 15
    assert ScanDayCount.objects.filter(ward=dashboard.a).exists()


def test_the_province_adds_up_a_procedure_across_wards_and_ranks_the_wards(
    client, dashboard, scans
):
    """Each ward has its own copy of a procedure: the province shows it once, by its code."""
    w = dashboard
    birth_b = Procedure.objects.create(
        ward=w.b, code="1.001193", name="Đăng ký khai sinh", field="Hộ tịch"
    )
    board_b = Placement.objects.create(
        ward=w.b, label="Bảng tin b1", kind=Placement.Kind.NOTICE_BOARD
    )
    link = ShortLink.objects.create(code="kb1", procedure=birth_b, placement=board_b)
    for i in range(4):
        Scan.objects.create(link=link, at=local(w.today, 8), device="mobile", visitor=f"b{i}")
    rollups.rollup_all()
    start = w.today - datetime.timedelta(days=200)
    response = dashboard_for(client, w.province, tu=start.strftime("%d/%m/%Y"))
    section = response.context["report"].sections["scans"]
    assert (section.scans, section.visitors) == (22 + 4, 19 + 4)
    assert [(r["code"], r["name"], r["scans"]) for r in section.procedures] == [
        ("1.001193", "Đăng ký khai sinh", 10 + 4),
        ("1.000894", "Đăng ký kết hôn", 12),
    ]
    assert [(r["name"], r["scans"]) for r in section.places] == [(w.a.name, 22), (w.b.name, 4)]


def test_learning_counts_lessons_completed_and_the_quiz_pass_rate(client, dashboard):
    from learning.models import Learner, LessonProgress
    from learning.services import library_create
    from tests.learning.conftest import lesson, topic

    library = library_create(title="Thư viện thử")
    page = lesson(topic(library, "VNeID", "vneid"), "Cài VNeID", slug="cai-vneid")
    now = timezone.now()
    for i in range(12):
        learner = Learner.objects.create(ward=dashboard.a)
        done = i < 10
        LessonProgress.objects.create(
            learner=learner,
            lesson=page,
            status="completed" if done else "started",
            started_at=now,
            completed_at=now if done else None,
            best_percent=(100 if i < 6 else 60) if i < 8 else None,
        )
    changes.record(ward_ids=[dashboard.a.pk], part=changes.Part.LEARNING)  # raw rows: mark them
    rollups.rollup_dirty()
    assert LearningDay.objects.filter(ward=dashboard.a).exists()
    response = dashboard_for(client, dashboard.leader)
    section = response.context["report"].sections["learning"]
    assert (section.started.value, section.completed.value) == (12, 10)
    assert str(section.pass_rate) == "75,0 %"  # 6 of the 8 who took the quiz scored ≥ 80 %
    assert section.rows[0]["name"] == "Cài VNeID"
    assert re.search(r"Tỷ lệ đạt bài kiểm tra", response.content.decode())

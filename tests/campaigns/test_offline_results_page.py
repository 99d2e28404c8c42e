"""The outreach detail page shows what each area, slot and group brought, and the comparison."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import Outreach
from campaigns.offline import services
from tests import factories
from tests.campaigns.test_offline_attribution import reached, residents_of
from tests.campaigns.test_offline_leaflets import ADMIN, PHONE, leaflet_data
from wards.models import Milestone
from wards.roles import Role

pytestmark = pytest.mark.django_db


def cells(html: str, row_header: str) -> str:
    """The text of the table row that starts with `row_header` (enough for these assertions)."""
    start = html.index(f'<th scope="row">{row_header}')
    return html[start : html.index("</tr>", start)]


def test_a_leaflet_shows_scans_conversions_per_hundred_and_the_comparison(client, world):
    client.force_login(world.comms)
    assert client.post(ADMIN + "moi/?kind=leaflet", leaflet_data(world)).status_code == 302
    outreach = Outreach.objects.get()
    detail = f"{ADMIN}{outreach.pk}/"
    code = outreach.codes.get(area=world.a1)
    client.post(detail, {"action": "counts", "code": code.pk, "printed": 300, "distributed": 150})
    for _ in range(2):
        client.get(f"/t/{code.code}", HTTP_HOST="anbinh.test", HTTP_USER_AGENT=PHONE)
    client.get(f"/t/{code.code}", HTTP_HOST="anbinh.test", HTTP_USER_AGENT="Googlebot/2.1")
    today = timezone.localdate()
    reached(residents_of(world.a1, 2), today)

    html = client.get(detail).content.decode()
    first, last = today, today + datetime.timedelta(days=13)
    assert f"từ {first:%d/%m/%Y} đến hết {last:%d/%m/%Y}" in html
    # Scans 2 (the bot not counted), one visitor, 2 converted, 150 distributed → 1,3 per 100.
    row = cells(html, world.a1.name)
    assert "<td>2</td><td>1</td><td>2</td><td>150</td><td>1,3</td>" in row
    assert "<td>0</td><td>0</td><td>0</td><td>300</td><td>0,0</td>" in cells(html, world.a2.name)
    # Ward A has 2 + 2 residents in the covered areas and none elsewhere: nothing to compare.
    assert "Chưa đủ bằng chứng" in html and "khu phố còn lại có 0 người" in html
    before = today - datetime.timedelta(days=14)
    assert f"Đạt mục tiêu {before:%d/%m/%Y} – {today - datetime.timedelta(days=1):%d/%m/%Y}" in html


def test_a_loudspeaker_shows_confirmed_slots_and_the_comparison(client, world):
    outreach = services.outreach_create(
        ward=world.a,
        by=world.comms,
        kind=Outreach.Kind.LOUDSPEAKER,
        name="Loa",
        goal=Milestone.VNEID_LEVEL2_ACTIVATED,
        text="Mời bà con kích hoạt VNeID",
    )
    client.force_login(world.comms)
    detail = f"{ADMIN}{outreach.pk}/"
    assert "Chưa có lượt phát nào được xác nhận" in client.get(detail).content.decode()

    slot = services.slot_add(
        outreach=outreach, area=world.a1, starts_at=timezone.now() + datetime.timedelta(hours=1)
    )
    client.post(detail, {"action": "slot_confirm", "slot": slot.pk})
    slot.refresh_from_db()
    covered = residents_of(world.a1, 40)
    residents_of(world.a2, 40)
    reached(covered[:20], timezone.localdate())
    html = client.get(detail).content.decode()
    row = cells(html, world.a1.name)
    assert timezone.localtime(slot.confirmed_at).strftime("%H:%M %d/%m/%Y") in row
    assert "<td>20</td>" in row
    # 20 of 41 covered after against 0 of 41: far from 0, so the interval is stated.
    assert "Chưa đủ bằng chứng" not in html
    assert "khoảng 33,5 đến 64,1 điểm phần trăm" in html


def test_group_links_show_visits_and_visitors(client, world):
    client.force_login(world.comms)
    data = {
        "ward": world.a.pk,
        "name": "Bài đăng Zalo",
        "goal": Milestone.VNEID_LEVEL2_ACTIVATED,
        "text": "Mời bà con",
        "target_page": "",
        "groups": "Zalo Khu phố 1\nZalo Khu phố 2",
    }
    assert client.post(ADMIN + "moi/?kind=group_post", data).status_code == 302
    outreach = Outreach.objects.get()
    code = outreach.codes.get(label="Zalo Khu phố 2")
    client.get(f"/t/{code.code}", HTTP_HOST="anbinh.test", HTTP_USER_AGENT=PHONE)
    html = client.get(f"{ADMIN}{outreach.pk}/").content.decode()
    assert "<td>1</td><td>1</td>" in cells(html, "Zalo Khu phố 2")
    assert "<td>0</td><td>0</td>" in cells(html, "Zalo Khu phố 1")
    assert "So với khu phố không được phủ" not in html


def test_another_wards_staff_cannot_see_the_results(client, world):
    outreach = services.outreach_create(
        ward=world.a,
        by=world.comms,
        kind=Outreach.Kind.LEAFLET,
        areas=[world.a1],
        printed=100,
        name="Tờ rơi",
        goal=Milestone.VNEID_LEVEL2_ACTIVATED,
        text="Mời",
        paper="A5",
    )
    other_comms = factories.user("comms_b", ward=world.b, role=Role.COMMUNICATIONS)
    for user in (world.users["outsider"], other_comms):
        client.force_login(user)
        assert client.get(f"{ADMIN}{outreach.pk}/").status_code == 404
    client.force_login(world.users[Role.TEAM_MEMBER])
    assert client.get(f"{ADMIN}{outreach.pk}/").status_code in (302, 403)


def leaflet_page_queries(client, world, n_areas) -> int:
    """Queries of the detail page of a leaflet for `n_areas` areas."""
    areas = [factories.area(world.a, f"q{n_areas}-{i}") for i in range(n_areas)]
    outreach = services.outreach_create(
        ward=world.a,
        by=world.comms,
        kind=Outreach.Kind.LEAFLET,
        areas=areas,
        printed=100,
        name=f"Tờ rơi {n_areas}",
        goal=Milestone.VNEID_LEVEL2_ACTIVATED,
        text="Mời",
        paper="A5",
    )
    client.force_login(world.comms)
    client.get(f"{ADMIN}{outreach.pk}/")  # warm the session and the site caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{ADMIN}{outreach.pk}/").status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_two_areas_or_ten(client, world):
    assert leaflet_page_queries(client, world, 10) == leaflet_page_queries(client, world, 2)

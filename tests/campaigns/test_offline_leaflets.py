"""Leaflets: staff order a batch for two areas, print its PDF, and each area's code counts scans."""

from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from campaigns.models import CodeVisit, Outreach, TrackedCode
from tests.qr.pdf_helpers import decode_pages, page_texts
from wards.models import AuditEntry, Milestone

pytestmark = pytest.mark.django_db
ADMIN = "/admin/chien-dich/ngoai-tin-nhan/"
PHONE = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120 Mobile Safari"


def leaflet_data(world, **overrides):
    data = {
        "ward": world.a.pk,
        "name": "Tờ rơi kích hoạt VNeID tháng 12",
        "goal": Milestone.VNEID_LEVEL2_ACTIVATED,
        "text": "Kích hoạt tài khoản định danh điện tử mức 2 ngay trên điện thoại",
        "target_page": "",
        "paper": "A5",
        "areas": [world.a1.pk, world.a2.pk],
        "printed": "300",
    }
    data.update(overrides)
    return data


@pytest.fixture
def leaflet(client, world):
    client.force_login(world.comms)
    response = client.post(ADMIN + "moi/?kind=leaflet", leaflet_data(world))
    outreach = Outreach.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{ADMIN}{outreach.pk}/"
    return outreach


def test_the_pdf_carries_one_decodable_tracked_code_per_area(client, world, leaflet):
    response = client.get(f"{ADMIN}{leaflet.pk}/to-roi.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = decode_pages(response.content)
    assert [len(found) for found in pages] == [1, 1]
    urls = [found[0].text for found in pages]
    by_area = {code.area: code for code in TrackedCode.objects.filter(outreach=leaflet)}
    assert set(by_area) == {world.a1, world.a2}
    assert urls == [f"http://anbinh.test/t/{by_area[a].code}" for a in (world.a1, world.a2)]
    texts = page_texts(response.content)
    assert "Quét mã để xem hướng dẫn của phường" in texts[0] and "nộp hồ sơ" not in texts[0]
    assert "300 tờ" in texts[0] and world.a1.name in texts[0] and world.a2.name in texts[1]

    # Opening the first area's code counts a scan for that area only; a link preview does not.
    path = urlsplit(urls[0]).path
    opened = client.get(path, HTTP_HOST="anbinh.test", HTTP_USER_AGENT=PHONE)
    assert opened.status_code == 302 and opened["Cache-Control"] == "no-store"
    client.get(path, HTTP_HOST="anbinh.test", HTTP_USER_AGENT="facebookexternalhit/1.1")
    client.head(path, HTTP_HOST="anbinh.test", HTTP_USER_AGENT=PHONE)
    assert CodeVisit.objects.people().filter(code=by_area[world.a1]).count() == 1
    assert not CodeVisit.objects.filter(code=by_area[world.a2]).exists()
    rows = client.get(f"{ADMIN}{leaflet.pk}/").content.decode()
    assert "anbinh.test/t/" + by_area[world.a1].code in rows


def test_distributed_counts_are_recorded_per_area_and_checked(client, world, leaflet):
    code = leaflet.codes.get(area=world.a2)
    detail = f"{ADMIN}{leaflet.pk}/"
    ok = client.post(
        detail, {"action": "counts", "code": code.pk, "printed": 300, "distributed": 250}
    )
    assert ok.status_code == 302
    code.refresh_from_db()
    assert (code.printed, code.distributed) == (300, 250)
    too_many = {"action": "counts", "code": code.pk, "printed": 300, "distributed": 400}
    refused = client.post(detail, too_many)
    assert refused.status_code == 400
    assert "Số tờ đã phát không thể nhiều hơn số tờ in" in refused.content.decode()
    code.refresh_from_db()
    assert code.distributed == 250
    assert client.post(detail, {**too_many, "code": "x" * 40}).status_code == 404
    # The order and the one accepted count are in the ward's audit log, with who did them.
    entries = AuditEntry.objects.filter(ward=world.a, actor=world.comms).order_by("at", "pk")
    assert [(e.action, e.object_type) for e in entries] == [
        ("create", "outreach"),
        ("update", "trackedcode"),
    ]
    assert entries[1].changes == {"distributed": [0, 250]}


def test_bad_leaflet_input_gets_vietnamese_errors(client, world):
    client.force_login(world.comms)
    long_text = "Kích hoạt " * 30
    response = client.post(
        ADMIN + "moi/?kind=leaflet", leaflet_data(world, text=long_text, areas=[world.b1.pk])
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "quá giới hạn 200 ký tự" in page
    assert not Outreach.objects.exists()


def test_other_wards_and_team_members_cannot_reach_a_batch(client, world, leaflet):
    client.force_login(world.users["outsider"])
    assert client.get(f"{ADMIN}{leaflet.pk}/").status_code == 404
    assert client.get(f"{ADMIN}{leaflet.pk}/to-roi.pdf").status_code == 404
    client.force_login(world.users["team_member"])
    assert client.get(f"{ADMIN}{leaflet.pk}/").status_code in (302, 403)
    assert client.get("/t/zzzzzzzzzzzzzzzzzz", HTTP_HOST="anbinh.test").status_code == 404


def test_a_ward_address_too_long_for_a_small_code_is_explained_not_printed(client, world, leaflet):
    world.a.site.hostname = "ubnd-phuong-an-binh-thanh-pho-thu-duc.gov.vn"
    world.a.site.save()
    cache.clear()
    response = client.get(f"{ADMIN}{leaflet.pk}/to-roi.pdf")
    assert response.status_code == 409
    assert "Tên miền của Phường An Bình dài quá" in response.content.decode()

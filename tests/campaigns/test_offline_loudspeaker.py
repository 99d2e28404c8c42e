"""Loudspeaker campaigns: a script within its limit, slots in the future, a log of broadcasts,
and the spoken short link counted like any other tracked code."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import BroadcastSlot, CodeVisit, Outreach
from tests.campaigns.test_offline_leaflets import ADMIN, PHONE
from wards.models import Milestone

pytestmark = pytest.mark.django_db


def script_data(world, **overrides):
    data = {
        "ward": world.a.pk,
        "name": "Loa nhắc kích hoạt VNeID",
        "goal": Milestone.VNEID_LEVEL2_ACTIVATED,
        # 150 words: one minute read aloud.
        "text": " ".join(["kích hoạt"] * 75),
        "target_page": "",
    }
    data.update(overrides)
    return data


def slot_time(delta: datetime.timedelta) -> str:
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def broadcast(client, world):
    client.force_login(world.comms)
    response = client.post(ADMIN + "moi/?kind=loudspeaker", script_data(world))
    assert response.status_code == 302
    return Outreach.objects.get()


def test_too_long_a_script_is_refused_in_vietnamese(client, world):
    client.force_login(world.comms)
    response = client.post(ADMIN + "moi/?kind=loudspeaker", script_data(world, text="a" * 2001))
    assert response.status_code == 400
    assert "Nội dung dài 2001 ký tự, quá giới hạn 2000 ký tự" in response.content.decode()
    assert not Outreach.objects.exists()


def test_the_detail_shows_the_read_time_and_the_spoken_link(client, broadcast):
    page = client.get(f"{ADMIN}{broadcast.pk}/").content.decode()
    assert "Thời gian đọc khoảng 1:00" in page
    assert "vào anbinh.test/loa1" in page


def test_a_past_slot_is_refused_and_a_confirmed_broadcast_records_who_and_when(
    client, world, broadcast
):
    detail = f"{ADMIN}{broadcast.pk}/"
    past = {
        "action": "slot_add",
        "area": world.a2.pk,
        "starts_at": slot_time(-datetime.timedelta(hours=1)),
    }
    refused = client.post(detail, past)
    assert refused.status_code == 400
    assert "Giờ phát đã qua" in refused.content.decode()
    assert not BroadcastSlot.objects.exists()
    other_ward = {**past, "area": world.b1.pk, "starts_at": slot_time(datetime.timedelta(hours=2))}
    assert client.post(detail, other_ward).status_code == 400

    added = client.post(detail, {**past, "starts_at": slot_time(datetime.timedelta(hours=2))})
    assert added.status_code == 302
    slot = BroadcastSlot.objects.get()
    assert slot.area == world.a2 and slot.confirmed_at is None

    before = timezone.now()
    client.post(detail, {"action": "slot_confirm", "slot": slot.pk})
    slot.refresh_from_db()
    assert slot.confirmed_by == world.comms and slot.confirmed_at >= before
    first = slot.confirmed_at
    client.force_login(world.users["ward_admin"])
    client.post(detail, {"action": "slot_confirm", "slot": slot.pk})
    slot.refresh_from_db()
    assert slot.confirmed_by == world.comms and slot.confirmed_at == first
    assert "xác nhận lúc" in client.get(detail).content.decode()


def test_visiting_the_spoken_link_counts_a_visit_for_the_campaign(client, broadcast):
    response = client.get("/loa1", HTTP_HOST="anbinh.test", HTTP_USER_AGENT=PHONE)
    assert response.status_code == 302
    assert CodeVisit.objects.people().filter(code__outreach=broadcast).count() == 1
    assert client.get("/loa2", HTTP_HOST="anbinh.test").status_code == 404
    assert "1 lượt mở" in client.get(f"{ADMIN}{broadcast.pk}/").content.decode()


def test_each_loudspeaker_campaign_gets_the_next_spoken_number(client, world, broadcast):
    client.post(ADMIN + "moi/?kind=loudspeaker", script_data(world, name="Loa tháng sau"))
    spoken = Outreach.objects.get(name="Loa tháng sau").codes.get().code
    assert (broadcast.codes.get().code, spoken) == ("loa1", "loa2")

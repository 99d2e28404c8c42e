"""The journeys admin: staff build a reminder sequence; bad input is refused in Vietnamese."""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from campaigns.models import Enrolment, Journey
from tests.campaigns.conftest import person
from tests.hostile import PROPERTY, clean, sent, texts
from wards.models import AuditEntry, ChangeMark, Milestone

pytestmark = pytest.mark.django_db
ADMIN = "/admin/chien-dich/chuoi-nhac/"


def journey_data(world, **fields):
    data = {
        "ward": world.a.pk,
        "name": "Kích hoạt VNeID mức 2",
        "starts_on": Milestone.VNEID_LEVEL2_ISSUED,
        "goal": Milestone.VNEID_LEVEL2_ACTIVATED,
        "ends_with_team_task": "on",
        "is_active": "on",
        "step_1_delay": "3",
        "step_1_text": "Chào {ten}, mời bác kích hoạt VNeID mức 2.",
        "step_2_delay": "10",
        "step_2_text": "Bác {ten} đã kích hoạt chưa? Tổ sẽ ghé hỗ trợ.",
    }
    data.update(fields)
    return data


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_create_a_journey_and_see_it_with_its_counts(world):
    client = signed_in(world.comms)
    response = client.post(ADMIN + "moi/", journey_data(world))
    assert response.status_code == 302
    journey = Journey.objects.get()
    assert journey.ward == world.a and journey.ends_with_team_task
    assert [(s.position, s.delay_days) for s in journey.steps.all()] == [(1, 3), (2, 10)]
    entry = AuditEntry.objects.get(object_type="journey", object_id=str(journey.pk))
    assert entry.actor == world.comms and entry.action == AuditEntry.Action.CREATE
    assert ChangeMark.objects.filter(ward_id=world.a.pk, part=ChangeMark.Part.CAMPAIGNS).exists()

    resident = person(world.a1, "Trần Văn Ba")
    Enrolment.objects.create(journey=journey, resident=resident, started_on="2026-01-01")
    listing = client.get(ADMIN).content.decode()
    assert "Kích hoạt VNeID mức 2" in listing and "Đang nhắc" in listing
    detail = client.get(f"{ADMIN}{journey.pk}/").content.decode()
    assert "Sau 10 ngày" in detail and "Chào {ten}" in detail

    edited = client.post(
        f"{ADMIN}{journey.pk}/sua/",
        journey_data(world, step_2_delay="", step_2_text="", ends_with_team_task=""),
    )
    assert edited.status_code == 302
    journey.refresh_from_db()
    assert journey.steps.count() == 1 and not journey.ends_with_team_task
    update = AuditEntry.objects.get(object_id=str(journey.pk), action=AuditEntry.Action.UPDATE)
    assert update.changes["ends_with_team_task"] == [True, False]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"goal": Milestone.VNEID_LEVEL2_ISSUED}, "Mốc dừng phải khác mốc bắt đầu"),
        ({"step_2_delay": "3"}, "sau bước trước ít nhất một ngày"),
        ({"step_2_delay": "366"}, "Tối đa 365 ngày"),
        ({"step_1_delay": "-1"}, "Số ngày không được âm"),
        ({"step_1_delay": "1e5000"}, "số nguyên"),
        ({"step_1_text": "a" * 1700}, "kênh này nhận tối đa 1000"),
        ({"step_1_text": "Chào\x07 bác"}, "ký tự điều khiển"),
        ({"step_1_text": "Chào {ban}"}, "Không có chỗ trống tên {ban}"),
        (
            {"step_1_delay": "", "step_1_text": "", "step_2_delay": "", "step_2_text": ""},
            "ít nhất một bước",
        ),
        ({"step_3_delay": "20"}, "Nhập nội dung tin nhắn cho bước này"),
    ],
)
def test_bad_journeys_are_refused_in_vietnamese(world, fields, message):
    response = signed_in(world.comms).post(ADMIN + "moi/", journey_data(world, **fields))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "Chưa lưu được" in page
    assert not Journey.objects.exists()


def test_another_wards_journey_is_out_of_reach(world):
    signed_in(world.comms).post(ADMIN + "moi/", journey_data(world))
    journey = Journey.objects.get()
    outsider = signed_in(world.users["outsider"])
    assert outsider.get(f"{ADMIN}{journey.pk}/").status_code == 404
    assert outsider.post(f"{ADMIN}{journey.pk}/sua/", journey_data(world)).status_code == 404
    assert "Kích hoạt VNeID" not in outsider.get(ADMIN).content.decode()
    assert signed_in(world.users["team_member"]).get(ADMIN).status_code in (302, 403)


@PROPERTY
@given(
    delays=st.lists(texts, min_size=5, max_size=5),
    text=texts,
    name=texts,
    goal=st.sampled_from([*Milestone.values, "", "x" * 40]),
)
def test_the_journey_form_never_fails(world, delays, text, name, goal):
    fields = {f"step_{n}_delay": clean(delay) for n, delay in enumerate(delays, start=1)}
    fields.update(step_1_text=clean(text), name=clean(name), goal=goal)
    before = Journey.objects.count()
    response = sent(signed_in(world.comms).post(ADMIN + "moi/", journey_data(world, **fields)))
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert "Chưa lưu được" in response.content.decode()
        assert Journey.objects.count() == before

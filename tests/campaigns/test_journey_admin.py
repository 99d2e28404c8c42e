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
        ({"step_1_text": "Xem tại {lien_ket}"}, "nên {lien_ket} sẽ để trống"),
        ({"step_2_text": "Thôi nhận: { tu_choi }"}, "nên {tu_choi} sẽ để trống"),
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


def test_staff_pause_resume_and_delete_a_journey_after_confirming(world):
    from campaigns import journeys

    client = signed_in(world.comms)
    client.post(ADMIN + "moi/", journey_data(world))
    journey = Journey.objects.get()
    detail = f"{ADMIN}{journey.pk}/"
    asked = client.get(detail + "tam-dung/").content.decode()
    assert "Tạm dừng chuỗi nhắc này?" in asked
    assert Journey.objects.get().is_active  # asking changes nothing
    assert client.post(detail + "tam-dung/").status_code == 302
    assert not Journey.objects.get().is_active
    assert "Cho chạy lại" in client.get(detail).content.decode()
    paused = AuditEntry.objects.filter(object_id=str(journey.pk), changes__is_active=[True, False])
    assert paused.get().actor == world.comms

    # A paused journey's due step waits, and goes out once it runs again.
    resident = person(world.a1)
    Enrolment.objects.create(
        journey=journey, resident=resident, started_on="2026-01-01", next_due_at="2026-01-04T00:00Z"
    )
    assert journeys.journeys_advance()["sent"] == 0
    assert client.post(detail + "chay-lai/").status_code == 302
    assert Journey.objects.get().is_active
    assert journeys.journeys_advance()["sent"] == 1

    # With a resident in it, it cannot be deleted: it is kept, and staff are told to pause it.
    refused = client.get(detail + "xoa/").content.decode()
    assert "Không xóa được chuỗi nhắc này" in refused
    client.post(detail + "xoa/")
    assert Journey.objects.filter(pk=journey.pk).exists()

    Enrolment.objects.all().delete()
    assert "Xóa chuỗi nhắc này?" in client.get(detail + "xoa/").content.decode()
    assert client.post(detail + "xoa/").status_code == 302
    assert not Journey.objects.exists()
    deleted = AuditEntry.objects.get(object_id=str(journey.pk), action=AuditEntry.Action.DELETE)
    assert deleted.actor == world.comms and deleted.summary == journey.name


def test_journey_actions_need_the_right_role_and_ward(world):
    signed_in(world.comms).post(ADMIN + "moi/", journey_data(world))
    journey = Journey.objects.get()
    for slug in ("tam-dung/", "chay-lai/", "xoa/"):
        assert signed_in(world.leader).post(f"{ADMIN}{journey.pk}/{slug}").status_code in (302, 403)
    assert Journey.objects.get().is_active

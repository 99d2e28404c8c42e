""" "Tôi đã làm được": an unverified adoption event in the learner's area, and nothing more."""

import logging

import pytest

from learning.models import SelfReport
from wards.models import AdoptionEvent, EventSource, Household, Resident, Vneid

pytestmark = pytest.mark.django_db


def report(client, area, milestone="vneid_level1", **fields):
    return client.post("/hoc/toi-da-lam-duoc/", {"milestone": milestone, "area": area.pk, **fields})


def test_lesson_offers_the_form_for_its_milestone(lessons, citizen):
    lesson_page = citizen.get("/vneid/cai-dat-vneid/").content.decode()
    link = f'href="/hoc/toi-da-lam-duoc/?bai={lessons.vneid.pk}"'
    assert link in lesson_page
    html = citizen.get("/hoc/toi-da-lam-duoc/", {"bai": lessons.vneid.pk}).content.decode()
    assert 'name="milestone" value="vneid_level1"' in html
    assert lessons.wards.a1.name in html
    assert lessons.wards.b1.name not in html  # another ward's areas are not offered


def test_report_creates_an_unverified_self_reported_event_in_the_area(lessons, citizen):
    area = lessons.wards.a2
    response = report(citizen, area, lesson=lessons.vneid.pk)
    assert response.status_code == 200
    assert "Phường đã ghi nhận" in response.content.decode()
    event = AdoptionEvent.objects.get(source=EventSource.SELF_REPORT)
    assert event.verified is False
    assert event.milestone == "vneid_level1"
    assert event.resident.household.area == area
    assert event.source_ref == f"lesson:{lessons.vneid.pk}"
    assert event.resident.vneid == Vneid.LEVEL1


def test_one_learner_counts_once_however_many_milestones(lessons, citizen):
    area = lessons.wards.a1
    residents_before = Resident.objects.count()
    report(citizen, area, "vneid_level1")
    report(citizen, area, "public_service_account")
    assert Resident.objects.count() == residents_before + 1
    assert Household.objects.filter(code="A1-TUBAO").count() == 1
    resident = SelfReport.objects.first().resident
    assert resident.vneid == Vneid.LEVEL1 and resident.has_public_service_account


def test_the_same_milestone_twice_is_recorded_once(lessons, citizen):
    report(citizen, lessons.wards.a1)
    response = report(citizen, lessons.wards.a1)
    assert "không cần báo lại" in response.content.decode()
    assert AdoptionEvent.objects.filter(source=EventSource.SELF_REPORT).count() == 1


def test_optional_phone_is_normalised_and_never_logged(lessons, citizen, caplog):
    caplog.set_level(logging.DEBUG)
    report(citizen, lessons.wards.a1, phone="0912 345 678", consent="on")
    resident = SelfReport.objects.get().resident
    assert resident.phone == "+84912345678"
    assert resident.consent_to_messages is True
    assert "912" not in caplog.text


def test_invalid_phone_keeps_what_was_typed_and_explains(lessons, citizen):
    response = report(citizen, lessons.wards.a1, phone="012345")
    assert response.status_code == 400
    html = response.content.decode()
    assert "không hợp lệ" in html
    assert 'value="012345"' in html
    assert f'value="{lessons.wards.a1.pk}" selected' in html
    assert not AdoptionEvent.objects.filter(source=EventSource.SELF_REPORT).exists()


def test_area_of_another_ward_is_refused(lessons, citizen):
    response = report(citizen, lessons.wards.b1)
    assert response.status_code == 400
    assert "Khu phố này không có trong danh sách" in response.content.decode()


def test_missing_choices_get_vietnamese_messages(lessons, citizen):
    response = citizen.post("/hoc/toi-da-lam-duoc/", {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vui lòng chọn việc bạn đã làm được." in html
    assert "Vui lòng chọn khu phố của bạn." in html


def test_reports_are_rate_limited(lessons, citizen, settings, monkeypatch):
    settings.LEARNING_SELF_REPORT_RATE_LIMIT = (3, 600)
    monkeypatch.setattr("config.ratelimit.time.time", lambda: 1_800_000_000.0)  # one window
    statuses = [report(citizen, lessons.wards.a1, phone="abc").status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 429, 429]


def test_standalone_page_lets_the_learner_choose_what_they_did(lessons, citizen):
    html = citizen.get("/hoc/toi-da-lam-duoc/").content.decode()
    assert "Kích hoạt VNeID mức 2" in html
    assert "Bạn ở khu phố nào?" in html

"""A printable encouragement for a finished topic: local, clearly not official, name not stored."""

import json

import pytest

from tests.learning.conftest import lesson

pytestmark = pytest.mark.django_db


def finish(client, *lessons):
    events = [{"lesson": item.pk, "kind": "complete"} for item in lessons]
    client.post("/hoc/tien-do/", json.dumps({"events": events}), content_type="application/json")


def test_certificate_waits_until_every_lesson_of_the_topic_is_done(lessons, citizen):
    url = f"/hoc/chung-nhan/{lessons.topic_a.pk}/"
    finish(citizen, lessons.vneid, lessons.level2)
    html = citizen.get(url).content.decode()
    assert "Bạn còn các bài sau" in html
    assert "Lịch hỗ trợ VNeID tại phường" in html
    assert citizen.post(url, {"name": "Bà Tư"}).content.decode().count("Giấy khen tự học") == 2
    assert "Bà Tư" not in citizen.post(url, {"name": "Bà Tư"}).content.decode()


def test_finished_topic_prints_a_local_encouragement_with_the_typed_name(lessons, citizen):
    finish(citizen, lessons.vneid, lessons.level2, lessons.own)
    assert "Nhận giấy khen tự học" in citizen.get("/vneid/").content.decode()
    url = f"/hoc/chung-nhan/{lessons.topic_a.pk}/"
    assert "Tên in trên giấy khen (không bắt buộc)" in citizen.get(url).content.decode()
    response = citizen.post(url, {"name": "Nguyễn Thị Tư"})
    html = response.content.decode()
    assert "Nguyễn Thị Tư" in html
    assert "Phường An Bình" in html
    assert "không phải văn bằng hay chứng chỉ chính thức" in html
    assert "Cài ứng dụng VNeID" in html
    assert "no-store" in response["Cache-Control"]


def test_name_is_optional(lessons, citizen):
    finish(citizen, lessons.vneid, lessons.level2, lessons.own)
    html = citizen.post(f"/hoc/chung-nhan/{lessons.topic_a.pk}/", {"name": ""}).content.decode()
    assert "Người học chăm chỉ" in html


def test_new_lesson_added_later_is_needed_too(lessons, citizen):
    finish(citizen, lessons.vneid, lessons.level2, lessons.own)
    lesson(lessons.topic_a, "Bài mới", slug="bai-moi")
    assert (
        "Bạn còn các bài sau"
        in citizen.get(f"/hoc/chung-nhan/{lessons.topic_a.pk}/").content.decode()
    )


def test_library_or_other_wards_topic_has_no_certificate_here(lessons, citizen):
    assert citizen.get(f"/hoc/chung-nhan/{lessons.library_vneid.pk}/").status_code == 404
    assert citizen.get(f"/hoc/chung-nhan/{lessons.topic_b.pk}/").status_code == 404

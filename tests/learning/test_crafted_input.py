"""Crafted values in public learning URLs answer a 4xx in Vietnamese, never a 500."""

import json

import pytest
from django.test import RequestFactory

from learning.models import LessonProgress
from learning.ranges import ranged_file_response

pytestmark = pytest.mark.django_db


def send(client, *events):
    return client.post(
        "/hoc/tien-do/", json.dumps({"events": list(events)}), content_type="application/json"
    )


@pytest.mark.parametrize(
    "event",
    [
        {"kind": "start", "at": "2026-02-30T10:00:00"},
        {"kind": "start", "at": "9999-12-31T23:59:59+14:00"},
        {"kind": "start", "at": "0001-01-01T00:00:00-12:00"},
        {"kind": "start", "at": "2026-13-01"},
    ],
)
def test_progress_with_an_impossible_time_is_kept_with_the_server_time(lessons, citizen, event):
    response = send(citizen, {"lesson": lessons.vneid.pk, **event})
    assert response.status_code == 200
    assert response.json()["saved"] == 1
    assert LessonProgress.objects.filter(lesson=lessons.vneid).count() == 1


@pytest.mark.parametrize("lesson", [2**70, -(2**70), 2**63, 10**4000])
def test_progress_for_an_impossible_lesson_is_rejected_not_a_crash(lessons, citizen, lesson):
    response = send(
        citizen, {"lesson": lesson, "kind": "start"}, {"lesson": lessons.vneid.pk, "kind": "start"}
    )
    assert response.status_code == 200
    assert response.json() == {**response.json(), "saved": 1, "rejected": 1}


def test_progress_with_a_huge_number_literal_is_refused_in_vietnamese(lessons, citizen):
    body = '{"events": [{"lesson": 1' + "0" * 5000 + ', "kind": "start"}]}'
    response = citizen.post("/hoc/tien-do/", body, content_type="application/json")
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()["error"]


@pytest.mark.parametrize(
    "path",
    [
        "/hoc/chung-nhan/{n}/",
        "/hoc/bai/{n}/kiem-tra/",
        "/hoc/bai/{n}/hoc-xong/",
        "/hoc/video/{n}/",
        "/hoc/phu-de/{n}.vtt",
    ],
)
def test_twenty_digit_ids_in_a_path_are_not_found(lessons, citizen, path):
    response = citizen.get(path.format(n="9" * 20))
    assert response.status_code == 404


@pytest.mark.parametrize("bai", ["9" * 20, str(2**70), "1" * 5000])
def test_self_report_with_a_huge_lesson_id_shows_the_form(lessons, citizen, bai):
    response = citizen.get("/hoc/toi-da-lam-duoc/", {"bai": bai})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "header",
    [
        "bytes=" + "9" * 5000 + "-",
        "bytes=-" + "9" * 5000,
        "bytes=0-" + "9" * 5000,
        "bytes=" + "1" * 19 + "-",
    ],
)
def test_a_video_range_of_thousands_of_digits_is_unsatisfiable(tmp_path, header):
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"x" * 1000)
    request = RequestFactory().get("/hoc/video/1/", HTTP_RANGE=header)
    response = ranged_file_response(request, str(clip), "video/mp4")
    assert response.status_code in (206, 416)
    if response.status_code == 206:
        assert int(response["Content-Length"]) <= 1000


def test_progress_read_skips_ids_that_only_look_like_digits(lessons, citizen):
    response = citizen.get("/hoc/tien-do/", {"bai": f"²,٣,{'9' * 40},{lessons.vneid.pk}"})
    assert response.status_code == 200 and set(response.json()["lessons"]) <= {
        str(lessons.vneid.pk)
    }

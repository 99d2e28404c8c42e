"""Progress without an account: a cookie, a queue that may arrive late, and what the learner sees."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from learning.learners import COOKIE_NAME
from learning.models import Learner, LessonProgress

pytestmark = pytest.mark.django_db


def send(client, *events, **headers):
    return client.post(
        "/hoc/tien-do/",
        json.dumps({"events": list(events)}),
        content_type="application/json",
        **headers,
    )


def test_reading_a_lesson_creates_nobody(lessons, citizen):
    citizen.get("/vneid/cai-dat-vneid/")
    assert Learner.objects.count() == 0
    assert COOKIE_NAME not in citizen.cookies


def test_first_progress_sets_a_private_long_lived_cookie(lessons, citizen):
    response = send(citizen, {"lesson": lessons.vneid.pk, "kind": "start"})
    assert response.status_code == 200
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) > 365 * 24 * 3600
    learner = Learner.objects.get()
    assert str(learner.pk) == cookie.value
    assert learner.ward == lessons.wards.a
    assert LessonProgress.objects.get().status == LessonProgress.Status.STARTED


def test_quiz_keeps_the_best_score_and_completes_the_lesson(lessons, citizen):
    lesson = lessons.vneid.pk
    send(citizen, {"lesson": lesson, "kind": "quiz", "answers": [0, 1, 1]})
    send(citizen, {"lesson": lesson, "kind": "quiz", "answers": [0, 0, 0]})
    response = send(citizen, {"lesson": lesson, "kind": "quiz", "answers": [1, 1, 1]})
    assert response.json()["progress"][str(lesson)] == {
        "status": "completed",
        "best_correct": 3,
        "questions": 3,
    }
    progress = LessonProgress.objects.get()
    assert (progress.best_correct, progress.best_percent) == (3, 100)


def test_score_is_graded_on_the_server_not_taken_from_the_phone(lessons, citizen):
    send(citizen, {"lesson": lessons.vneid.pk, "kind": "quiz", "answers": [2, 2, 2], "score": 3})
    assert LessonProgress.objects.get().best_correct == 0


def test_queued_offline_events_keep_their_time_and_replays_change_nothing(lessons, citizen):
    yesterday = timezone.now() - datetime.timedelta(days=1)
    events = [
        {"lesson": lessons.vneid.pk, "kind": "start", "at": yesterday.isoformat()},
        {"lesson": lessons.vneid.pk, "kind": "complete", "at": yesterday.isoformat()},
    ]
    send(citizen, *events)
    send(citizen, *events)  # the phone did not hear the answer and sends again
    progress = LessonProgress.objects.get()
    assert abs((progress.started_at - yesterday).total_seconds()) < 1
    assert abs((progress.completed_at - yesterday).total_seconds()) < 1


def test_a_clock_in_the_future_is_not_believed(lessons, citizen):
    future = timezone.now() + datetime.timedelta(days=30)
    send(citizen, {"lesson": lessons.vneid.pk, "kind": "start", "at": future.isoformat()})
    assert LessonProgress.objects.get().started_at <= timezone.now()


def test_bad_events_are_rejected_without_blocking_the_good_ones(lessons, citizen):
    response = send(
        citizen,
        {"lesson": lessons.vneid.pk, "kind": "start"},
        {"lesson": lessons.vneid.pk, "kind": "delete-everything"},
        {"lesson": 999999, "kind": "start"},
        {"lesson": "1; drop", "kind": "start"},
        {"lesson": lessons.own.pk, "kind": "quiz", "answers": ["a"]},
    )
    assert response.json()["saved"] == 1
    assert response.json()["rejected"] == 4


def test_another_wards_own_lesson_is_not_recorded_here(lessons):
    other = Client(HTTP_HOST="benghe.test")
    response = send(other, {"lesson": lessons.own.pk, "kind": "start"})
    assert response.json()["saved"] == 0


@pytest.mark.parametrize("body", [b"not json", b"{}", b'{"events": []}', b'{"events": "x"}'])
def test_malformed_body_is_a_400_in_vietnamese(lessons, citizen, body):
    response = citizen.post("/hoc/tien-do/", body, content_type="application/json")
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()["error"]


def test_progress_needs_the_csrf_token(lessons):
    phone = Client(HTTP_HOST="anbinh.test", enforce_csrf_checks=True)
    assert send(phone, {"lesson": lessons.vneid.pk, "kind": "start"}).status_code == 403
    token = phone.get("/hoc/ma-bao-ve/").json()["token"]  # what the page's script asks for
    response = send(phone, {"lesson": lessons.vneid.pk, "kind": "start"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200


def test_progress_is_rate_limited(lessons, citizen, settings, monkeypatch):
    settings.LEARNING_PROGRESS_RATE_LIMIT = (5, 60)
    monkeypatch.setattr("config.ratelimit.time.time", lambda: 1_800_000_000.0)  # one window
    event = {"lesson": lessons.vneid.pk, "kind": "start"}
    statuses = [send(citizen, event).status_code for _ in range(7)]
    assert statuses == [200] * 5 + [429] * 2


def test_reload_shows_the_progress_kept_on_the_server(lessons, citizen):
    send(citizen, {"lesson": lessons.vneid.pk, "kind": "quiz", "answers": [0, 0, 1]})
    # The lesson page is the shared cached one; the page's script reads the progress from here.
    kept = citizen.get(f"/hoc/tien-do/?bai={lessons.vneid.pk}").json()["lessons"]
    assert kept[str(lessons.vneid.pk)] == {"status": "completed", "best_correct": 2, "questions": 3}
    topic = citizen.get("/vneid/").content.decode()
    assert "Bạn đã học xong 1/3 bài." in topic
    assert "Đã học xong" in topic


def test_home_page_offers_to_continue_where_the_learner_left_off(lessons, citizen):
    assert "Tiếp tục học" not in citizen.get("/").content.decode()
    send(citizen, {"lesson": lessons.vneid.pk, "kind": "complete"})
    send(citizen, {"lesson": lessons.level2.pk, "kind": "start"})
    html = citizen.get("/").content.decode()
    assert "Tiếp tục học" in html
    # The unfinished lesson comes first, at its address inside the ward.
    assert html.index('href="/vneid/kich-hoat-muc-2/"') < html.index('href="/vneid/cai-dat-vneid/"')


def test_another_phone_sees_nothing_of_this_learners_progress(lessons, citizen):
    send(citizen, {"lesson": lessons.vneid.pk, "kind": "complete"})
    stranger = Client(HTTP_HOST="anbinh.test")
    assert stranger.get(f"/hoc/tien-do/?bai={lessons.vneid.pk}").json() == {"lessons": {}}
    stranger.cookies[COOKIE_NAME] = "not-a-uuid"
    assert stranger.get("/").status_code == 200


def test_quiz_without_javascript_explains_every_answer_then_saves_on_request(lessons, citizen):
    url = f"/hoc/bai/{lessons.vneid.pk}/kiem-tra/"
    response = citizen.get(url, {"q0": "0", "q1": "2"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bạn trả lời đúng 1/3 câu." in html
    assert "Vì Hàng xóm." in html  # the explanation of the wrong answer chosen
    assert "Vì Chỉ mình bạn." in html  # and of the right one
    assert "Bạn chưa trả lời câu này." in html
    assert not LessonProgress.objects.exists()  # a GET changes nothing

    saved = citizen.post(url, {"q0": "0", "q1": "2"})
    assert saved.status_code == 302
    assert saved["Location"] == "/vneid/cai-dat-vneid/#xong"
    assert COOKIE_NAME in saved.cookies
    assert LessonProgress.objects.get().best_correct == 1


def test_lesson_done_without_javascript(lessons, citizen):
    url = f"/hoc/bai/{lessons.level2.pk}/hoc-xong/"
    assert "Tôi đã học xong bài này" in citizen.get(url).content.decode()
    response = citizen.post(url)
    assert response.status_code == 302
    assert response["Location"] == "/vneid/kich-hoat-muc-2/#xong"
    assert LessonProgress.objects.get().is_completed


def test_lesson_pages_set_no_cookie_so_the_shared_page_cache_can_keep_them(lessons, citizen):
    for path in ("/", "/vneid/", "/vneid/cai-dat-vneid/", "/vneid/lich-ho-tro/"):
        response = citizen.get(path)
        assert response.status_code == 200
        assert not response.cookies, path
        assert "csrfmiddlewaretoken" not in response.content.decode(), path


def test_a_learner_with_a_cookie_is_never_served_someone_elses_cached_page(lessons, settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 60
    Client(HTTP_HOST="anbinh.test").get("/vneid/cai-dat-vneid/")  # fills the shared cache
    learner = Client(HTTP_HOST="anbinh.test")
    send(learner, {"lesson": lessons.vneid.pk, "kind": "complete"})
    assert "data-progress-status" in learner.get("/vneid/cai-dat-vneid/").content.decode()

"""A citizen's lesson as they read it: steps counted, headings in order, a quiz note above the
options, one page title, a favicon, an honest English mode and a certificate to keep as an image."""

import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from tests.learning.test_certificate import finish

pytestmark = pytest.mark.django_db


def heading_levels(html: str) -> list[int]:
    main = html.split('<main id="main"', 1)[1]
    return [int(level) for level in re.findall(r"<h([1-6])\b", main)]


def test_lesson_counts_its_steps_and_headings_never_skip_a_level(lessons, citizen):
    html = citizen.get("/vneid/cai-dat-vneid/").content.decode()
    assert "Bước 1 / 2" in html and "Bước 2 / 2" in html
    levels = heading_levels(html)
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_quiz_note_stands_above_the_options_and_answers_wait_for_a_check(lessons, citizen):
    html = citizen.get("/vneid/cai-dat-vneid/").content.decode()
    first_question = html.split('data-question="0"', 1)[1].split("</fieldset>", 1)[0]
    assert first_question.index("quiz__feedback") < first_question.index("quiz__answer")
    assert "Kiểm tra câu này" in first_question


def test_the_page_title_names_the_ward_once(lessons, citizen):
    html = citizen.get("/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title.count("Phường An Bình") == 1, title


def test_favicon_answers(citizen):
    response = citizen.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert Image.open(io.BytesIO(response.content)).format == "ICO"


def test_english_mode_says_plainly_that_the_page_is_in_vietnamese(lessons, citizen):
    citizen.get("/ngon-ngu/en/?next=/vneid/")
    html = citizen.get("/vneid/cai-dat-vneid/").content.decode()
    assert "translation-notice" in html
    citizen.get("/ngon-ngu/vi/?next=/vneid/")
    assert "translation-notice" not in citizen.get("/vneid/cai-dat-vneid/").content.decode()


def test_the_certificate_is_saved_as_an_image(lessons, citizen):
    url = f"/hoc/chung-nhan/{lessons.topic_a.pk}/anh.png"
    finish(citizen, lessons.vneid)
    assert citizen.post(url, {"name": "Bà Tư"}).status_code == 400  # lessons remain
    finish(citizen, lessons.vneid, lessons.level2, lessons.own)
    page = citizen.post(f"/hoc/chung-nhan/{lessons.topic_a.pk}/", {"name": "Bà Tư"})
    assert url in page.content.decode()
    response = citizen.post(url, {"name": "Bà Tư"})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (1080, 1350)


def test_progress_fetch_is_small_and_private(lessons, citizen):
    finish(citizen, lessons.vneid)
    response = citizen.get(f"/hoc/tien-do/?bai={lessons.vneid.pk}")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["lessons"][str(lessons.vneid.pk)]["status"] == "completed"
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_a_returning_learner_gets_the_lesson_from_the_shared_cache(lessons, citizen, settings):
    from django.test import Client

    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 60
    first = Client(HTTP_HOST="anbinh.test")
    assert first.get("/vneid/cai-dat-vneid/").status_code == 200  # fills the cache, no cookie
    finish(citizen, lessons.vneid)
    assert "hoc_id" in citizen.cookies
    with CaptureQueriesContext(connection) as queries:
        html = citizen.get("/vneid/cai-dat-vneid/").content.decode()
    assert len(queries) == 0  # the cached page: not rendered again
    assert "Cài ứng dụng VNeID" in html and "data-progress-status" in html
    assert "hoc_id" not in html  # nothing of this learner in the shared page


def test_pages_that_show_personal_progress_stay_out_of_the_learner_cache(
    lessons, citizen, settings
):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 60
    finish(citizen, lessons.vneid)
    topic = citizen.get("/vneid/").content.decode()
    assert "Bạn đã học xong 1/3 bài." in topic
    stranger_view = citizen.__class__(HTTP_HOST="anbinh.test").get("/vneid/").content.decode()
    assert "Bạn đã học xong 1/3 bài." not in stranger_view

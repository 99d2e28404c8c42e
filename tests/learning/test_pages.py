"""Topics and lessons as a citizen sees them on their ward's site, and the province library."""

import unicodedata

import pytest
from django.test import Client

from learning.models import LessonPage
from tests.learning.conftest import block, lesson, quiz

pytestmark = pytest.mark.django_db


def test_topic_shows_library_lessons_then_the_wards_own(lessons, citizen):
    response = citizen.get("/vneid/")
    assert response.status_code == 200
    html = response.content.decode()
    order = [
        html.index(title)
        for title in ("Cài ứng dụng VNeID", "Kích hoạt tài khoản VNeID mức 2", "Lịch hỗ trợ VNeID")
    ]
    assert order == sorted(order)
    assert 'href="/vneid/cai-dat-vneid/"' in html
    assert 'href="/vneid/lich-ho-tro/"' in html


def test_card_shows_reading_time_difficulty_and_audience(lessons, citizen):
    lessons.vneid.minutes = 7
    lessons.vneid.save_revision().publish()
    html = citizen.get("/vneid/").content.decode()
    assert "7 phút" in html
    assert "Dễ" in html
    assert "Mọi người dân" in html


def test_library_lesson_is_served_inside_each_wards_site_with_its_branding(lessons, citizen):
    response = citizen.get("/vneid/cai-dat-vneid/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Phường An Bình" in html  # the ward's header, not the library's
    assert 'href="/vneid/"' in html  # breadcrumb back to the ward's topic

    other_ward = Client(HTTP_HOST="benghe.test").get("/dinh-danh/cai-dat-vneid/")
    assert other_ward.status_code == 200
    assert "Phường Bến Nghé" in other_ward.content.decode()


def test_a_wards_own_lesson_stays_on_its_own_site(lessons):
    assert Client(HTTP_HOST="benghe.test").get("/dinh-danh/lich-ho-tro/").status_code == 404
    assert "Lịch hỗ trợ" not in Client(HTTP_HOST="benghe.test").get("/dinh-danh/").content.decode()


def test_topic_without_a_library_link_does_not_serve_library_lessons(lessons, citizen):
    assert citizen.get("/tin-tuc/cai-dat-vneid/").status_code == 404


def test_unpublished_library_lesson_is_not_served(lessons, citizen):
    lessons.level2.unpublish()
    assert citizen.get("/vneid/kich-hoat-muc-2/").status_code == 404
    assert "Kích hoạt tài khoản VNeID mức 2" not in citizen.get("/vneid/").content.decode()


def test_home_page_shows_topics_as_cards(lessons, citizen):
    html = citizen.get("/").content.decode()
    assert 'href="/vneid/"' in html
    assert 'href="/tin-tuc/"' in html


def test_lesson_page_has_steps_quiz_and_next_lesson(lessons, citizen):
    html = citizen.get("/vneid/cai-dat-vneid/").content.decode()
    assert "Bước 1" in html and "Mở CH Play" in html
    assert html.count('type="radio"') == 9
    assert "Kiểm tra nhanh" in html
    assert 'href="/vneid/kich-hoat-muc-2/"' in html  # next lesson
    assert "Tôi đã làm được" in html  # the lesson has a milestone


def test_body_is_cached_but_a_new_revision_shows_at_once(lessons, citizen):
    assert "Cài VNeID từ CH Play." in citizen.get("/vneid/cai-dat-vneid/").content.decode()
    page = LessonPage.objects.get(pk=lessons.vneid.pk)
    page.body = [block("text", "<p>Nội dung mới.</p>")]
    page.save_revision().publish()
    assert "Nội dung mới." in citizen.get("/vneid/cai-dat-vneid/").content.decode()


def test_text_is_stored_nfc_and_folded_for_search(lessons):
    decomposed = unicodedata.normalize("NFD", "Kết hôn")
    page = lesson(lessons.topic_a, decomposed, text="Đăng ký kết hôn")
    assert page.title == "Kết hôn"
    assert " ket hon " in page.search_text
    assert " dang ky " in page.search_text


def test_reading_time_is_estimated_when_left_blank(lessons):
    long_text = " ".join(["chữ"] * 450)
    page = lesson(lessons.topic_a, "Bài dài", text=long_text)
    assert page.minutes is None
    assert page.reading_minutes == 5


def test_only_one_quiz_per_lesson():
    from wagtail.blocks import StreamBlockValidationError

    from learning.blocks import LessonStreamBlock

    stream = LessonStreamBlock()
    value = stream.to_python([quiz(("A?", ["a", "b"])), quiz(("B?", ["a", "b"]))])
    with pytest.raises(StreamBlockValidationError) as error:
        stream.clean(value)
    assert error.value.non_block_errors


def test_question_needs_exactly_one_right_answer():
    from django.core.exceptions import ValidationError

    from learning.blocks import QuestionBlock

    question = QuestionBlock()
    value = question.to_python(
        {
            "question": "?",
            "answers": [
                {"text": "a", "correct": True, "explanation": "x"},
                {"text": "b", "correct": True, "explanation": "y"},
            ],
        }
    )
    with pytest.raises(ValidationError):
        question.clean(value)


def test_quiz_grading_counts_right_answers(lessons):
    assert lessons.vneid.grade([0, 0, 0]) == (3, 3)
    assert lessons.vneid.grade([1, 0, None]) == (1, 3)
    assert lessons.vneid.grade([7, "x", -1]) == (0, 3)

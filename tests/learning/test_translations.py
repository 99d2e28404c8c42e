"""English mode: a lesson with a written English copy is read in English at the same address,
one without says so and stays Vietnamese, and progress belongs to the lesson in either language."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale

from learning.models import LessonProgress
from wards.roles import Role

from .conftest import block, item

pytestmark = pytest.mark.django_db

NOT_TRANSLATED = "This page has no English version yet"


def translate(page, **fields):
    """What the admin's "Translate" action does (untranslated parents become aliases), then the
    translator's writing, published."""
    copy = page.specific.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def english_quiz():
    """The same three questions, the translator having put each right answer second."""
    return block(
        "quiz",
        [
            item(
                {
                    "question": question,
                    "answers": [
                        item({"text": text, "correct": right, "explanation": "Because."})
                        for text, right in answers
                    ],
                }
            )
            for question, answers in [
                (
                    "Where to get VNeID?",
                    [("A strange link", False), ("CH Play", True), ("Any site", False)],
                ),
                (
                    "Who knows the password?",
                    [("A caller", False), ("Only you", True), ("Neighbours", False)],
                ),
                (
                    "Where is level 2 activated?",
                    [("At a bank", False), ("In VNeID", True), ("By SMS", False)],
                ),
            ]
        ],
    )


@pytest.fixture
def english_vneid(lessons):
    return translate(
        lessons.vneid,
        title="Install the VNeID app",
        summary="Install VNeID yourself.",
        body=[block("text", "<p>Install VNeID from CH Play.</p>"), english_quiz()],
    )


def reader(language):
    client = Client(HTTP_HOST="anbinh.test")
    client.cookies["django_language"] = language
    return client


def test_a_translated_lesson_is_read_in_english_at_its_usual_address(english_vneid):
    english = reader("en").get("/vneid/cai-dat-vneid/")
    assert english.status_code == 200
    body = english.content.decode()
    assert "Install VNeID from CH Play." in body and "Cài VNeID từ CH Play." not in body
    assert NOT_TRANSLATED not in body
    vietnamese = reader("vi").get("/vneid/cai-dat-vneid/").content.decode()
    assert "Cài VNeID từ CH Play." in vietnamese and "Install VNeID" not in vietnamese


def test_an_untranslated_lesson_stays_vietnamese_and_says_so_instead_of_404(english_vneid):
    response = reader("en").get("/vneid/kich-hoat-muc-2/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "bạn kích hoạt trong ứng dụng" in body
    assert NOT_TRANSLATED in body


def test_an_alias_made_for_a_parent_is_no_translation(english_vneid, lessons):
    """Translating a library lesson made an English alias of its topic: it shows Vietnamese."""
    assert lessons.library_vneid.get_translation_or_none(english_vneid.locale).alias_of_id
    body = reader("en").get("/vneid/").content.decode()
    assert NOT_TRANSLATED in body
    assert "Install the VNeID app" in body  # the topic lists the lesson under its English title
    assert "Kích hoạt tài khoản VNeID mức 2" in body


def test_a_wards_own_lesson_translated_under_an_english_home(lessons):
    translate(lessons.own, title="VNeID help days", body=[block("text", "<p>Saturdays.</p>")])
    body = reader("en").get("/vneid/lich-ho-tro/").content.decode()
    assert "Saturdays." in body
    assert reader("en").get("/").status_code == 200  # the English home is an alias: no 404
    # Nothing under the English home besides: pages not translated still open, and say so.
    for address in ("/tin-tuc/", "/vneid/kich-hoat-muc-2/"):
        response = reader("en").get(address)
        assert response.status_code == 200 and NOT_TRANSLATED in response.content.decode()


def test_english_reading_records_progress_on_the_vietnamese_lesson(english_vneid, lessons):
    page = reader("en").get("/vneid/cai-dat-vneid/").content.decode()
    assert f'data-lesson-id="{lessons.vneid.pk}"' in page
    assert f"/hoc/bai/{lessons.vneid.pk}/kiem-tra/" in page
    phone = reader("en")
    # The reader ticks the English quiz, whose right answers are second.
    result = phone.post(f"/hoc/bai/{lessons.vneid.pk}/kiem-tra/", {"q0": 1, "q1": 1, "q2": 1})
    assert result.status_code == 302
    phone.get(f"/hoc/bai/{lessons.vneid.pk}/hoc-xong/")
    phone.post(f"/hoc/bai/{lessons.vneid.pk}/hoc-xong/")
    progress = LessonProgress.objects.get()
    assert progress.lesson_id == lessons.vneid.pk
    assert (progress.best_correct, progress.questions) == (3, 3)
    # The same learner back in Vietnamese sees the lesson done once, of two.
    phone.cookies["django_language"] = "vi"
    topic = phone.get("/vneid/").content.decode()
    assert "Bạn đã học xong 1/3 bài." in topic


def test_the_progress_report_counts_a_lesson_once_whatever_language_it_was_read_in(
    english_vneid, lessons
):
    quiz = f"/hoc/bai/{lessons.vneid.pk}/kiem-tra/"
    reader("en").post(quiz, {"q0": 1, "q1": 1, "q2": 1})  # English right answers: 100 %
    reader("vi").post(quiz, {"q0": 0, "q1": 2, "q2": 2})  # Vietnamese: 1 of 3
    admin = Client()
    admin.force_login(lessons.wards.users[Role.PROVINCE_ADMIN])
    listed = admin.get(reverse("learning_progress_report")).context["object_list"]
    titles = [row.title for row in listed]
    assert titles.count("Cài ứng dụng VNeID") == 1 and "Install the VNeID app" not in titles
    row = next(row for row in listed if row.title == "Cài ứng dụng VNeID")
    assert (row.started, row.completed) == (2, 2)
    assert row.average_percent == pytest.approx(66.5)


def test_english_and_vietnamese_readers_never_get_each_others_cached_page(english_vneid, settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 60
    first = Client(HTTP_HOST="anbinh.test").get("/vneid/cai-dat-vneid/")
    assert not first.cookies and "Cài VNeID từ CH Play." in first.content.decode()
    english = Client(HTTP_HOST="anbinh.test", HTTP_ACCEPT_LANGUAGE="en").get(
        "/vneid/cai-dat-vneid/"
    )
    assert "Install VNeID from CH Play." in english.content.decode()
    # A returning learner (language cookie) is served the shared copy of their own language.
    assert (
        "Install VNeID from CH Play." in reader("en").get("/vneid/cai-dat-vneid/").content.decode()
    )
    assert "Cài VNeID từ CH Play." in reader("vi").get("/vneid/cai-dat-vneid/").content.decode()
    again = Client(HTTP_HOST="anbinh.test").get("/vneid/cai-dat-vneid/").content.decode()
    assert "Cài VNeID từ CH Play." in again

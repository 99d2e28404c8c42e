"""Lessons through the site-wide search (/tim-kiem/): accents and case ignored, each ward its own."""

import pytest

from learning import search
from tests.learning.conftest import lesson, topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(lessons):
    payments = topic(lessons.wards.a.site.root_page, "Thanh toán", "thanh-toan")
    safety = topic(lessons.wards.a.site.root_page, "An toàn trên mạng", "an-toan")
    lesson(
        payments,
        "Nộp lệ phí bằng mã QR",
        slug="nop-phi-qr",
        text="Thanh toán lệ phí bằng ứng dụng ngân hàng.",
    )
    lesson(
        payments,
        "Trả tiền điện bằng ví điện tử",
        slug="tien-dien",
        text="Mở ví, chọn Thanh toán hóa đơn.",
    )
    lesson(
        safety,
        "Cuộc gọi giả danh công an",
        slug="gia-danh",
        text="Kẻ gian ở thành phố khác gọi đến. Giữ an toàn cho tài khoản của bạn.",
    )
    from assistant import services

    services.index_rebuild(ward=lessons.wards.a)
    services.index_rebuild(ward=lessons.wards.b)
    return lessons


def titles(citizen, query):
    response = citizen.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    answer = response.context.get("answer")
    return [hit.doc.title for hit in answer.hits if hit.kind == "lesson"] if answer else []


@pytest.mark.xfail(
    strict=True,
    reason="known miss: the hybrid ranking puts the install lesson first (bench/README, assistant)",
)
def test_unaccented_query_finds_the_activation_lesson_first(shelf, citizen):
    found = titles(citizen, "kich hoat vneid")
    assert found[0] == "Kích hoạt tài khoản VNeID mức 2"
    assert "Nộp lệ phí bằng mã QR" not in found


def test_accented_mixed_case_query(shelf, citizen):
    found = titles(citizen, "VNeID mức 2")
    assert found[0] == "Kích hoạt tài khoản VNeID mức 2"


def test_two_syllable_word_is_matched_as_a_phrase(shelf, citizen):
    found = titles(citizen, "thanh toan")
    assert set(found[:2]) == {"Nộp lệ phí bằng mã QR", "Trả tiền điện bằng ví điện tử"}
    # "thành phố … an toàn" holds both syllables apart: never before the lessons holding the phrase.


def test_uppercase_and_d_with_stroke(shelf, citizen):
    assert titles(citizen, "ĐIỆN") == titles(citizen, "dien")
    assert "Trả tiền điện bằng ví điện tử" in titles(citizen, "DIEN")


def test_results_link_to_the_lesson_inside_the_ward(shelf, citizen):
    response = citizen.get("/tim-kiem/", {"q": "cai vneid"})
    assert 'href="/vneid/cai-dat-vneid/"' in response.content.decode()


def test_nothing_found_says_so_in_vietnamese(shelf, citizen):
    response = citizen.get("/tim-kiem/", {"q": "xyzzy quux"})
    assert "Chưa tìm thấy trang nào" in response.content.decode()


def test_other_wards_own_lessons_are_not_found(shelf):
    from django.test import Client

    other = Client(HTTP_HOST="benghe.test")
    assert "Nộp lệ phí bằng mã QR" not in titles(other, "thanh toan")  # ward A's own
    found = titles(other, "vneid")
    assert "Kích hoạt tài khoản VNeID mức 2" in found  # the library's, shown by ward B too
    assert "Lịch hỗ trợ VNeID tại phường" not in found  # ward A's own


def test_punctuation_and_spaces_are_ignored():
    assert search.terms("  VNeID,   mức-2! ") == ["vneid", "muc", "2"]
    assert search.searchable("Đăng ký (VNeID)") == " dang ky vneid "

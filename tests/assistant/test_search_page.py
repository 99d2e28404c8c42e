"""The one search of the public site: grouped results, the answer card, bad input, no JavaScript."""

import gzip

import pytest
from django.test import Client

from assistant.models import Question

pytestmark = pytest.mark.django_db


def ask(client, query, status=200):
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == status, response.content.decode()[:500]
    return response


def test_tam_tru_finds_the_procedure_first(site, citizen):
    response = ask(citizen, "tam tru")
    assert response.context["best"].doc.title == "Đăng ký tạm trú"
    html = response.content.decode()
    assert "Thủ tục phù hợp nhất" in html
    assert 'href="/thu-tuc/1-004222/"' in html


def test_birth_question_without_marks_gets_the_card_with_documents_fee_portal_and_lesson(
    site, citizen
):
    response = ask(citizen, "con moi sinh can lam giay to gi")
    best = response.context["best"]
    assert best.doc.title == "Đăng ký khai sinh"
    html = response.content.decode()
    assert "Giấy chứng sinh" in html  # documents
    assert "Miễn lệ phí" in html  # fee
    assert "Ngay trong ngày làm việc" in html  # time
    assert "Nộp trực tuyến" in html
    assert 'href="/dich-vu-cong/khai-sinh-truc-tuyen/"' in html  # its lesson, in one tap
    assert "Vì sao:" in html


def test_results_are_grouped_procedures_then_lessons(site, citizen):
    html = ask(citizen, "vneid").content.decode()
    assert "phù hợp nhất" in html
    assert "<h2>Bài học</h2>" in html
    assert html.index("answer-title") < html.index("<h2>Bài học</h2>")


def test_scam_question_finds_the_scam_lesson(site, citizen):
    response = ask(citizen, "bị gọi điện tự xưng công an")
    assert response.context["best"].doc.title == "Nhận biết cuộc gọi giả danh công an"


def test_synonym_from_the_seed_list_is_used_and_explained(site, citizen):
    response = ask(citizen, "đăng ký kết hôn cưới vợ")
    assert response.context["best"].doc.title == "Đăng ký kết hôn"
    assert "hiểu “cưới” là" in response.content.decode()


def test_a_ward_sees_only_its_own_pages(site):
    other = Client(HTTP_HOST="benghe.test")
    response = ask(other, "khai sinh")
    titles = [hit.doc.title for hit in response.context["answer"].hits]
    assert "Đăng ký khai sinh (phường B)" in titles
    assert "Đăng ký khai sinh" not in titles
    assert "Nhận biết cuộc gọi giả danh công an" not in titles  # ward A's own lesson


def test_the_page_works_without_javascript_and_is_small(site, citizen):
    response = ask(citizen, "con moi sinh can lam giay to gi")
    html = response.content.decode()
    assert '<form class="ask" role="search" method="get"' in html
    assert "<script" not in html.split("</main>")[0].split('<main id="main"')[1]
    assert len(gzip.compress(response.content)) <= 20 * 1024


def test_search_box_is_on_every_page(site, citizen):
    for path in ("/", "/thu-tuc/", "/thu-tuc/1-001193/", "/vneid/"):
        html = citizen.get(path).content.decode()
        assert 'action="/tim-kiem/"' in html, path


def test_old_lesson_search_redirects(site, citizen):
    response = citizen.get("/hoc/tim-kiem/", {"q": "vneid"})
    assert response.status_code == 301
    assert response["Location"] == "/tim-kiem/?q=vneid"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 10_000, "Câu hỏi dài quá"),
        ("😀😀🙏", "Hãy gõ bằng chữ"),
        ("!!! ??? ...", "Hãy gõ bằng chữ"),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_keeps_the_text(site, citizen, query, message):
    response = ask(citizen, query, status=400)
    html = response.content.decode()
    assert message in html
    assert query[:200] in html  # what was typed is still in the box


def test_html_and_sql_are_just_words(site, citizen):
    html = ask(
        citizen, "<script>alert(1)</script> khai sinh' OR 1=1; DROP TABLE x;--"
    ).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_empty_query_shows_the_box_and_examples(site, citizen):
    html = ask(citizen, "").content.decode()
    assert "Bạn cần làm gì?" in html
    assert "kích hoạt VNeID" in html


def test_a_weak_question_lands_in_the_queue_without_phone_or_name(site, citizen):
    ask(citizen, "Nguyễn Văn Tám hỏi số 0912 345 678 về xyzzy quux")
    ask(citizen, "Nguyễn Văn Tám hỏi số 0912 345 678 về xyzzy quux")
    question = Question.objects.get(ward=site.a)
    assert question.reason == Question.Reason.WEAK
    assert question.count == 2
    assert "0912" not in question.text and "345" not in question.text
    assert "Tám" not in question.text and "Nguyễn" not in question.text
    assert "xyzzy" in question.text


def test_not_right_button_records_the_question(site, citizen):
    html = ask(citizen, "tam tru").content.decode()
    assert 'action="/tim-kiem/khong-dung/"' in html
    response = citizen.post("/tim-kiem/khong-dung/", {"q": "tam tru", "best": "Đăng ký tạm trú"})
    assert response.status_code == 200
    assert "Cảm ơn bạn" in response.content.decode()
    question = Question.objects.get(ward=site.a, reason=Question.Reason.WRONG)
    assert (question.text, question.best_title, question.count) == ("tam tru", "Đăng ký tạm trú", 1)


def test_not_right_needs_csrf(site):
    client = Client(HTTP_HOST="anbinh.test", enforce_csrf_checks=True)
    response = client.post("/tim-kiem/khong-dung/", {"q": "tam tru"})
    assert response.status_code == 403
    assert not Question.objects.exists()


def test_not_right_refuses_a_bad_form(site, citizen):
    response = citizen.post("/tim-kiem/khong-dung/", {"q": ""})
    assert response.status_code == 400
    assert "Chưa ghi được" in response.content.decode()


def test_the_answer_offers_home_help_for_that_procedure(site, citizen, caplog):
    response = ask(citizen, "tam tru")
    html = response.content.decode()
    procedure_id = response.context["best"].doc.ref
    assert "Nhờ tổ công nghệ số giúp" in html
    assert f"/nho-giup/?thu-tuc={procedure_id}" in html
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "WARNING")]

"""The rating page a text message opens: five faces, one answer per token, refusals in Vietnamese."""

import datetime
import gzip

import pytest
from django.test import Client

from feedback import tokens
from feedback.models import Petition, Rating, RatingRequest
from tests.feedback.conftest import rating_request

HOST = "anbinh.test"


@pytest.fixture
def client():
    return Client(HTTP_HOST=HOST)


def url(request) -> str:
    return f"/dg/{tokens.make(request.pk)}/"


def test_the_page_shows_five_faces_in_words_and_sets_no_cookie(ward_a, client):
    request = rating_request(ward_a)
    response = client.get(url(request))
    html = response.content.decode()
    assert response.status_code == 200
    for words in (
        "Rất không hài lòng",
        "Không hài lòng",
        "Bình thường",
        "Hài lòng",
        "Rất hài lòng",
    ):
        assert words in html
    assert "Cán bộ có tận tình không?" in html and "Việc của bạn đã xong chưa?" in html
    assert not response.cookies
    assert "public" in response["Cache-Control"]
    assert len(gzip.compress(response.content)) <= 15 * 1024


def test_rating_two_with_a_comment_lands_in_the_inbox_with_the_phone(ward_a, client):
    request = rating_request(ward_a)
    response = client.post(url(request), {"score": "2", "comment": "Chờ lâu quá", "caring": "no"})
    assert response.status_code == 302
    rating = Rating.objects.get()
    assert (rating.score, rating.caring, rating.comment, rating.request) == (
        2,
        "no",
        "Chờ lâu quá",
        request,
    )
    petition = Petition.objects.get()
    assert petition.source == Petition.Source.RATING and petition.phone == "+84912000002"
    assert petition.text == "Chờ lâu quá" and petition.status == Petition.Status.NEW
    request.refresh_from_db()
    assert request.status == RatingRequest.Status.ANSWERED


def test_a_rating_without_a_comment_makes_no_inbox_item(ward_a, client):
    client.post(url(rating_request(ward_a)), {"score": "5"})
    assert Rating.objects.count() == 1 and not Petition.objects.exists()


def test_a_reused_token_is_refused_and_the_page_says_so(ward_a, client):
    request = rating_request(ward_a)
    client.get(url(request))  # cached as a form
    client.post(url(request), {"score": "4"})
    again = client.post(url(request), {"score": "1"})
    assert again.status_code == 409 and "đã được dùng" in again.content.decode()
    page = client.get(url(request))
    assert page.status_code == 409 and "đã được dùng" in page.content.decode()
    assert Rating.objects.count() == 1


def test_an_expired_token_is_refused(ward_a, client):
    request = rating_request(ward_a, expires_in=-datetime.timedelta(minutes=1))
    assert client.get(url(request)).status_code == 410
    response = client.post(url(request), {"score": "3"})
    assert response.status_code == 410 and "hết hạn" in response.content.decode()
    assert not Rating.objects.exists()


def test_a_made_up_token_is_refused(ward_a, client):
    request = rating_request(ward_a)
    forged = f"{tokens.make(request.pk).split('-')[0]}-aaaaaaaaaa"
    response = client.get(f"/dg/{forged}/")
    assert response.status_code == 404 and "không đúng" in response.content.decode()


def test_a_100_kb_comment_is_refused_and_kept(ward_a, client):
    request = rating_request(ward_a)
    comment = "Rất chậm. " * 10_000
    response = client.post(url(request), {"score": "1", "comment": comment})
    html = response.content.decode()
    assert response.status_code == 400
    assert "quá 1.000 ký tự" in html or "quá 1000 ký tự" in html
    assert comment.strip() in html
    assert 'value="1" required checked' in html  # the face chosen stays chosen
    assert not Rating.objects.exists()


def test_html_in_the_comment_is_refused_and_shown_escaped(ward_a, client):
    request = rating_request(ward_a)
    response = client.post(url(request), {"score": "2", "comment": "<script>alert(1)</script>"})
    html = response.content.decode()
    assert response.status_code == 400 and "mã HTML" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not Rating.objects.exists()


def test_no_face_chosen_is_refused_in_vietnamese(ward_a, client):
    response = client.post(url(rating_request(ward_a)), {"comment": "quên chọn"})
    assert response.status_code == 400
    assert "Hãy chọn một khuôn mặt." in response.content.decode()
    assert "quên chọn" in response.content.decode()

"""The same five faces on a procedure page (no token, rate-limited), and on a finished lesson."""

from django.test import Client

from feedback.models import Petition, Rating

HOST = "anbinh.test"


def test_a_procedure_page_carries_the_faces_and_a_rating_counts_for_it(catalogue):
    client = Client(HTTP_HOST=HOST)
    page = client.get(catalogue.index.url + catalogue.birth.slug + "/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Trang này có giúp được bạn không?" in html and "Rất hài lòng" in html
    assert "csrfmiddlewaretoken" not in html and not page.cookies  # the page stays cacheable
    response = client.post(
        "/danh-gia/",
        {"kind": "procedure", "ref": catalogue.birth.pk, "score": "4", "next": "/thu-tuc/"},
    )
    assert response.status_code == 200 and "Cảm ơn bạn đã đánh giá!" in response.content.decode()
    rating = Rating.objects.get()
    assert (rating.kind, rating.procedure_id, rating.score, rating.ward) == (
        "procedure",
        catalogue.birth.pk,
        4,
        catalogue.a,
    )
    assert rating.request is None and not Petition.objects.exists()


def test_a_forged_page_reference_is_refused(two_wards):
    client = Client(HTTP_HOST=HOST)
    response = client.post("/danh-gia/", {"kind": "visit", "ref": "1", "score": "1"})
    assert (
        response.status_code == 400
        and "Không rõ bạn đánh giá trang nào" in response.content.decode()
    )
    response = client.post("/danh-gia/", {"kind": "lesson", "ref": "2" * 70, "score": "1"})
    assert response.status_code == 400
    assert not Rating.objects.exists()


def test_one_client_is_limited(two_wards):
    client = Client(HTTP_HOST=HOST)
    statuses = [
        client.post("/danh-gia/", {"kind": "lesson", "ref": "5", "score": "5"}).status_code
        for _ in range(12)
    ]
    assert statuses[:10] == [200] * 10 and statuses[-1] == 429
    assert Rating.objects.count() == 10

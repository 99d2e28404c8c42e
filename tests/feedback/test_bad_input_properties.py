"""Generated input on the rating page and the petition form: never a 5xx, nothing written on a
refusal, nothing shown unescaped, and a refused form gives back what was typed."""

import html
import uuid

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedback import tokens
from feedback.models import Petition, Rating
from tests.feedback.conftest import rating_request
from tests.hostile import fresh_limits

HOST = "anbinh.test"
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=1500
) | st.sampled_from(["<b>x</b>", "<script>alert(1)</script>", "a < b > c", "\x00\x0b", "🙂" * 600])
SCORE = st.one_of(st.sampled_from(["1", "2", "3", "4", "5"]), st.text(max_size=8))
PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def kept(text: str, page: str) -> bool:
    """What was typed is given back in the page, escaped."""
    return not text.strip() or html.escape(text) in page or html.escape(text, quote=False) in page


@pytest.mark.django_db
@PROPERTY
@given(score=SCORE, comment=TEXT)
def test_the_rating_page_never_fails_and_refusals_keep_the_comment(ward_a, score, comment):
    fresh_limits()
    request = rating_request(ward_a, ref=uuid.uuid4().hex[:20])
    before = Rating.objects.count()
    response = Client(HTTP_HOST=HOST).post(
        f"/dg/{tokens.make(request.pk)}/", {"score": score, "comment": comment}
    )
    assert response.status_code < 500
    page = response.content.decode()
    assert "<script>alert(1)" not in page
    if response.status_code == 400:
        assert Rating.objects.count() == before
        assert kept(comment, page)
    else:
        assert response.status_code == 302 and Rating.objects.count() == before + 1
    request.delete()


@pytest.mark.django_db
@PROPERTY
@given(text=TEXT, phone=st.text(max_size=40), area=st.text(max_size=12))
def test_the_petition_form_never_fails_and_refusals_keep_the_text(category, text, phone, area):
    fresh_limits()
    before = Petition.objects.count()
    data = {"kind": "report", "category": category.pk, "text": text, "phone": phone, "area": area}
    response = Client(HTTP_HOST=HOST).post("/gop-y/", data)
    assert response.status_code < 500
    page = response.content.decode()
    assert "<script>alert(1)" not in page
    if response.status_code == 400:
        assert Petition.objects.count() == before
        assert kept(text, page)
    else:
        assert response.status_code == 302 and Petition.objects.count() == before + 1

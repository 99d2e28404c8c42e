"""Rating requests and answers go out through campaigns.notices to the loopback Twilio."""

import datetime

import pytest

from campaigns.models import MessagingPolicy, OptOut, OptOutSource
from feedback import tokens
from feedback.models import RatingRequest
from feedback.services.petitions import petition_create, petition_move
from feedback.services.ratings import rating_requests_schedule, rating_requests_send_due
from tests.campaigns.conftest import twilio_account
from tests.fakes.twilio import FakeTwilio
from tests.feedback.conftest import served
from wards.roles import Role


@pytest.fixture
def gateway(ward_a):
    MessagingPolicy.objects.create(
        ward=ward_a, send_from=datetime.time(0, 0), send_until=datetime.time(0, 0)
    )
    with FakeTwilio() as fake:
        twilio_account(ward_a, fake)
        yield fake


def test_the_resident_gets_the_rating_link_by_sms(
    ward_a, gateway, django_capture_on_commit_callbacks
):
    rating_requests_schedule(services=[served(ward_a)])
    with django_capture_on_commit_callbacks(execute=True):
        assert rating_requests_send_due() == 1
    request = RatingRequest.objects.get()
    (message,) = gateway.accepted
    assert message["phone"] == "+84912000002"
    assert f"/dg/{tokens.make(request.pk)}/" in message["body"]
    with django_capture_on_commit_callbacks(execute=True):
        assert rating_requests_send_due() == 0
    assert len(gateway.accepted) == 1


def test_an_opted_out_phone_is_never_asked(ward_a, gateway, django_capture_on_commit_callbacks):
    OptOut.objects.create(ward=ward_a, phone="+84912000002", source=OptOutSource.KEYWORD)
    rating_requests_schedule(services=[served(ward_a)])
    with django_capture_on_commit_callbacks(execute=True):
        rating_requests_send_due()
    assert not gateway.accepted
    assert RatingRequest.objects.get().status == RatingRequest.Status.SKIPPED


def test_the_answer_reaches_the_citizen(
    ward_a, category, two_wards, gateway, django_capture_on_commit_callbacks
):
    petition = petition_create(
        ward=ward_a, category=category, text="Đèn hỏng", phone="+84912345678"
    )
    with django_capture_on_commit_callbacks(execute=True):
        petition_move(
            petition=petition,
            to="answered",
            by=two_wards.users[Role.WARD_ADMIN],
            answer="Đã thay đèn.",
        )
    (message,) = gateway.accepted
    assert message["phone"] == "+84912345678" and "Đã thay đèn." in message["body"]
    petition.refresh_from_db()
    assert petition.answer_sent_at is not None

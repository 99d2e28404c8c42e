"""Residents' replies kept for the staff inbox: once per provider id, before keywords act."""

import pytest
from django.urls import reverse

from campaigns.models import InboundMessage, OptOut, OptOutEvent
from tests.campaigns.conftest import person, twilio_account
from tests.fakes.twilio import FakeTwilio, twilio_signature

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


@pytest.fixture(scope="module")
def fake_twilio():
    with FakeTwilio() as fake:
        yield fake


@pytest.fixture
def twilio(world, fake_twilio):
    return twilio_account(world.a, fake_twilio)


def reply(client, account, body, *, sender, sid="SMin1"):
    url = reverse("campaigns:webhook_inbound", args=["twilio", account.key])
    params = {"From": sender, "To": "+15005550006", "Body": body, "MessageSid": sid}
    signature = twilio_signature(account.secrets["auth_token"], BASE + url, params)
    return client.post(url, params, headers={"X-Twilio-Signature": signature})


def test_a_reply_is_kept_with_its_resident_and_clean_text(client, world, twilio):
    resident = person(world.a1, "Lê Văn Cường")
    local = "0" + resident.phone[3:]
    typed = "Cho to\u0302i ho\u0309i\x00 lịch\x1b tiêm\u2028 ạ"  # NFD marks, controls
    assert reply(client, twilio, typed, sender=local).status_code == 200
    [kept] = InboundMessage.objects.all()
    assert kept.phone == resident.phone and kept.resident == resident
    assert kept.text == "Cho tôi hỏi lịch tiêm ạ" and kept.action == ""
    assert kept.ward == world.a and kept.read_at is None and kept.provider_id == "SMin1"


def test_a_reply_from_an_unknown_number_is_kept_not_dropped(client, world, twilio):
    assert reply(client, twilio, "Ai đấy?", sender="+84987000111").status_code == 200
    kept = InboundMessage.objects.get()
    assert kept.resident is None and kept.phone == "+84987000111"


def test_a_foreign_number_is_kept_by_what_the_provider_said(client, world, twilio):
    reply(client, twilio, "hello", sender="+12025550123")
    kept = InboundMessage.objects.get()
    assert kept.phone == "" and kept.sender_ref == "+12025550123"


def test_a_retried_webhook_stores_once_and_opts_out_once(client, world, twilio):
    resident = person(world.a1)
    for _ in range(3):
        assert reply(client, twilio, "HUY", sender=resident.phone).status_code == 200
    [kept] = InboundMessage.objects.all()
    assert kept.action == "out"
    assert OptOut.objects.filter(phone=resident.phone).count() == 1
    assert OptOutEvent.objects.filter(action="out").count() == 1


def test_the_reply_is_stored_before_the_keyword_acts(client, world, twilio, monkeypatch):
    from campaigns import services

    resident = person(world.a1)

    def broken(**kwargs):
        assert InboundMessage.objects.filter(phone=resident.phone, action="out").exists()
        raise RuntimeError("suppression list unavailable")

    monkeypatch.setattr(services, "opt_out_record", broken)
    client.raise_request_exception = False
    assert reply(client, twilio, "Hủy", sender=resident.phone).status_code == 500
    assert InboundMessage.objects.filter(phone=resident.phone).count() == 1


def test_a_very_long_reply_is_cut_to_the_bound(client, world, twilio):
    reply(client, twilio, "á" * 5000, sender="+84987000112")
    assert len(InboundMessage.objects.get().text) == 1600

"""Residents' replies kept for the staff inbox: once per provider id, before keywords act."""

import datetime

import pytest
from django.urls import reverse

from campaigns.inbox import receiving
from campaigns.models import InboundMessage, Notice, OptOut, OptOutEvent, OptOutSource
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


def test_a_retried_webhook_stores_once_and_opts_out_once(
    client, world, twilio, django_capture_on_commit_callbacks
):
    resident = person(world.a1)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            assert reply(client, twilio, "HUY", sender=resident.phone).status_code == 200
    [kept] = InboundMessage.objects.all()
    assert kept.action == "out" and kept.acted_at is not None
    assert OptOut.objects.filter(phone=resident.phone).count() == 1
    assert OptOutEvent.objects.filter(action="out").count() == 1


def test_a_keyword_that_fails_to_act_leaves_the_reply_kept_for_the_sweep(
    client, world, twilio, monkeypatch, django_capture_on_commit_callbacks
):
    from campaigns import services
    from campaigns.inbox import acting

    resident = person(world.a1)
    working = services.opt_out_record

    def broken(**kwargs):
        assert InboundMessage.objects.filter(phone=resident.phone, action="out").exists()
        raise RuntimeError("suppression list unavailable")

    monkeypatch.setattr(services, "opt_out_record", broken)
    with django_capture_on_commit_callbacks() as queued:
        # The provider is answered as soon as the reply is kept: the failure is the task's.
        assert reply(client, twilio, "Hủy", sender=resident.phone).status_code == 200
    [run_task] = queued
    with pytest.raises(RuntimeError):  # tasks run in-process in tests, so its error shows here
        run_task()
    kept = InboundMessage.objects.get(phone=resident.phone)
    assert kept.acted_at is None and not OptOut.objects.exists()
    monkeypatch.setattr(services, "opt_out_record", working)
    later = kept.received_at + acting.STALE_AFTER + datetime.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert acting.inbound_sweep(now=later) == 1
    assert OptOut.objects.filter(phone=resident.phone).count() == 1


def test_a_very_long_reply_is_cut_to_the_bound(client, world, twilio):
    reply(client, twilio, "á" * 5000, sender="+84987000112")
    assert len(InboundMessage.objects.get().text) == 1600


# --- the help text, once a day -------------------------------------------------------------


def test_a_reply_without_a_keyword_gets_the_help_text_once_a_day(
    client, world, twilio, fake_twilio, django_capture_on_commit_callbacks
):
    fake_twilio.reset()
    resident = person(world.a1)
    with django_capture_on_commit_callbacks(execute=True):
        reply(client, twilio, "Cảm ơn phường", sender=resident.phone, sid="SMa")
        reply(client, twilio, "Mai tôi đến được không?", sender=resident.phone, sid="SMb")
    [help_text] = fake_twilio.accepted_for(resident.phone)
    assert "GIUP" in help_text["body"] and "HUY" in help_text["body"]
    assert "DUNG" in help_text["body"]
    assert InboundMessage.objects.filter(phone=resident.phone).count() == 2
    assert Notice.objects.get(phone=resident.phone).reason == "inbox_help"


def test_keywords_get_no_help_text(client, world, twilio, django_capture_on_commit_callbacks):
    resident = person(world.a1)
    with django_capture_on_commit_callbacks(execute=True):
        reply(client, twilio, "GIUP", sender=resident.phone, sid="SMg")
        reply(client, twilio, "HUY", sender=resident.phone, sid="SMh")
    assert not Notice.objects.filter(reason="inbox_help").exists()


def test_the_help_text_day_is_the_ward_local_day(world, twilio):
    resident = person(world.a1)
    # 23:59 and 00:01 in Hồ Chí Minh City are two days; 00:01 and 16:59 UTC the same one.
    late = datetime.datetime(2026, 3, 1, 16, 59, tzinfo=datetime.UTC)
    for moment in (late, late + datetime.timedelta(minutes=2), late + datetime.timedelta(hours=16)):
        message = InboundMessage.objects.create(
            ward=world.a, account=twilio, phone=resident.phone, text="à", received_at=moment
        )
        receiving.help_reply(message=message)
    assert Notice.objects.filter(reason="inbox_help").count() == 2


def test_an_opted_out_number_never_gets_the_help_text(
    client, world, twilio, fake_twilio, django_capture_on_commit_callbacks
):
    fake_twilio.reset()
    resident = person(world.a1)
    OptOut.objects.create(ward=world.a, phone=resident.phone, source=OptOutSource.KEYWORD)
    with django_capture_on_commit_callbacks(execute=True):
        assert reply(client, twilio, "ơ", sender=resident.phone).status_code == 200
    assert Notice.objects.get(reason="inbox_help").status == Notice.Status.SUPPRESSED
    assert not fake_twilio.accepted_for(resident.phone)
    assert InboundMessage.objects.filter(phone=resident.phone).exists()


def test_an_unknown_foreign_sender_gets_no_help_text(client, world, twilio):
    reply(client, twilio, "hi", sender="+12025550123")
    assert not Notice.objects.exists()

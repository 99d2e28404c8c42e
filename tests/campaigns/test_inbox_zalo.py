"""Zalo users' replies (user_send_text), signed with X-ZEvent-Signature, through real requests."""

import json

import pytest
from django.test import Client

from campaigns.models import InboundMessage
from tests.campaigns.conftest import zalo_account
from tests.fakes.zalo import FakeZalo, zalo_event, zalo_reply, zalo_signed

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def fake_zalo():
    with FakeZalo() as fake:
        yield fake


@pytest.fixture
def zalo(world, fake_zalo):
    return zalo_account(world.a, fake_zalo)


def post(account, raw, headers, *, inbound=True):
    url = f"/webhooks/zalo/{account.key}/" + ("tin-den/" if inbound else "")
    return Client().post(url, raw, content_type="application/json", headers=headers)


def signed(payload, **kwargs):
    raw, headers = zalo_signed(payload, **kwargs)
    headers.pop("Content-Type")
    return raw, headers


def test_a_signed_reply_is_kept_by_the_zalo_user(world, zalo):
    raw, headers = signed(zalo_reply("Cho tôi hỏi lịch làm căn cước", "m1", "8213"))
    assert post(zalo, raw, headers).status_code == 200
    kept = InboundMessage.objects.get()
    assert (kept.phone, kept.sender_ref, kept.provider_id) == ("", "8213", "m1")
    assert kept.text == "Cho tôi hỏi lịch làm căn cước" and kept.ward == world.a


def test_replies_sent_to_the_one_zalo_webhook_are_kept_once(world, zalo):
    raw, headers = signed(zalo_reply("HUY", "m2"))
    for inbound in (False, False, True):
        assert post(zalo, raw, headers, inbound=inbound).status_code == 200
    assert InboundMessage.objects.get().action == "out"


@pytest.mark.parametrize(
    "forge",
    [
        lambda raw, headers: (raw, {}),
        lambda raw, headers: (raw, {"X-ZEvent-Signature": "mac="}),
        lambda raw, headers: (raw.replace(b"xin", b"XIN"), headers),
        lambda raw, headers: signed(json.loads(raw), oa_secret_key="not-ours"),
        lambda raw, headers: signed(json.loads(raw), app_id="another-app"),
        lambda raw, headers: (b"\xff\xfe not json", headers),
    ],
    ids=["unsigned", "empty mac", "tampered", "other secret", "other app", "bad encoding"],
)
@pytest.mark.parametrize("inbound", [True, False])
def test_a_forged_reply_is_403_and_kept_nowhere(world, zalo, forge, inbound):
    raw, headers = forge(*signed(zalo_reply("xin chào", "m3")))
    assert post(zalo, raw, headers, inbound=inbound).status_code == 403
    assert not InboundMessage.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"message": ["xin chào"]},
        {"message": {"msg_id": "m4"}},
        {"message": {"text": 12, "msg_id": "m4"}},
        {"message": {"text": "a", "msg_id": True}},
        {"sender": "8213"},
        {"sender": {"id": ""}},
        {"timestamp": "9" * 20},
    ],
)
def test_a_signed_but_malformed_reply_is_400_in_vietnamese(world, zalo, change):
    raw, headers = signed({**zalo_reply("xin chào", "m4"), **change})
    response = post(zalo, raw, headers)
    assert response.status_code == 400 and "không hợp lệ" in response.content.decode()
    assert not InboundMessage.objects.exists()


def test_other_signed_events_are_answered_and_keep_nothing(world, zalo):
    raw, headers = signed({**zalo_reply("", "m5"), "event_name": "follow"})
    assert post(zalo, raw, headers).status_code == 200
    raw, headers = signed(zalo_event("user_received_message", "nobody"))
    assert post(zalo, raw, headers).status_code == 200
    assert not InboundMessage.objects.exists()

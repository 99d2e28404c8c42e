"""Zalo users' replies (user_send_text), signed with X-ZEvent-Signature, through real requests."""

import json

import pytest
from django.test import Client

from campaigns.models import InboundMessage
from tests.campaigns.conftest import person, zalo_account
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


# --- a Zalo user id learnt from a receipt, so their replies act and can be answered -----------


def sent_by_zalo(world, zalo, fake_zalo, resident):
    """A notice to `resident` sent through the fake ZNS: (notice, what the fake accepted)."""
    from campaigns import outbound
    from campaigns.channels.base import OutboundMessage
    from campaigns.models import Notice

    notice = Notice.objects.create(
        ward=world.a,
        resident=resident,
        phone=resident.phone,
        text="Mời bác kích hoạt VNeID",
        reason="test",
        dedup_key=f"zalo-alias:{resident.pk}",
        status=Notice.Status.ACCEPTED,
        channel_account=zalo,
    )
    with outbound.build_channel(zalo) as channel:
        message = OutboundMessage(
            message_id=notice.uid.hex,
            phone_e164=resident.phone,
            body="",
            template_id="301234",
            template_data={"ten": resident.full_name},
        )
        assert channel.send(message).accepted
    accepted = next(m for m in fake_zalo.accepted if m["tracking_id"] == notice.uid.hex)
    return notice, accepted


def test_a_receipt_teaches_who_a_zalo_user_is_and_their_huy_opts_them_out(
    world, zalo, fake_zalo, django_capture_on_commit_callbacks
):
    from campaigns.models import OptOut, SenderAlias

    resident = person(world.a1, "Phạm Thị Dung")
    notice, accepted = sent_by_zalo(world, zalo, fake_zalo, resident)
    receipt = zalo_event("user_received_message", accepted["provider_id"], notice.uid.hex)
    receipt["recipient"] = {"id": "7001"}
    for _ in range(2):  # a retried receipt learns nothing new
        assert post(zalo, *signed(receipt), inbound=False).status_code == 200
    [alias] = SenderAlias.objects.all()
    assert (alias.ref, alias.phone) == ("7001", resident.phone)

    with django_capture_on_commit_callbacks(execute=True):
        assert post(zalo, *signed(zalo_reply("Hủy", "m-huy", "7001"))).status_code == 200
    kept = InboundMessage.objects.get(provider_id="m-huy")
    assert (kept.phone, kept.resident, kept.sender_ref) == (resident.phone, resident, "7001")
    assert OptOut.objects.filter(ward=world.a, phone=resident.phone).exists()


def test_a_zalo_user_no_receipt_named_stays_a_sender_without_a_phone(world, zalo, fake_zalo):
    resident = person(world.a1)
    sent_by_zalo(world, zalo, fake_zalo, resident)
    # A receipt for a message that is not ours teaches nothing.
    stranger = zalo_event("user_received_message", "zm-x", "0" * 32)
    stranger["recipient"] = {"id": "7002"}
    assert post(zalo, *signed(stranger), inbound=False).status_code == 200
    assert post(zalo, *signed(zalo_reply("GIUP", "m-2", "7002"))).status_code == 200
    kept = InboundMessage.objects.get(provider_id="m-2")
    assert (kept.phone, kept.resident, kept.sender_ref) == ("", None, "7002")

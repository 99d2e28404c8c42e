"""Delivery webhooks and reply keywords: signed or 403, idempotent, never backwards."""

import json

import pytest
from django.urls import reverse

from campaigns import delivery, dispatch, services
from campaigns.models import OptOut, OptOutEvent, Recipient
from tests.campaigns.conftest import campaign, esms_account, person, twilio_account, zalo_account
from tests.fakes.esms import CALLBACK_TOKEN, callback_query
from tests.fakes.twilio import FakeTwilio, status_params, twilio_signature
from tests.fakes.zalo import FakeZalo, zalo_event, zalo_signed

pytestmark = pytest.mark.django_db
R = Recipient.Status
BASE = "http://testserver"


@pytest.fixture(scope="module")
def fake_twilio():
    with FakeTwilio() as fake:
        yield fake


def sent_row(world, account, **fields):
    resident = person(world.a1, "Người Nhận")
    built = campaign(world.a, account, world.comms, areas=[world.a1], **fields)
    services.campaign_submit(campaign=built, by=world.comms)
    dispatch.run(account.pk)
    return Recipient.objects.get(campaign=built, resident=resident)


def post_twilio(client, account, params, *, signature=None, path_name="campaigns:webhook"):
    url = reverse(path_name, args=["twilio", account.key])
    if signature is None:
        signature = twilio_signature(account.secrets["auth_token"], BASE + url, params)
    headers = {"X-Twilio-Signature": signature} if signature else {}
    return client.post(url, params, headers=headers)


@pytest.fixture
def twilio_row(world, fake_twilio):
    fake_twilio.reset()
    account = twilio_account(world.a, fake_twilio)
    return account, sent_row(world, account)


def test_a_signed_twilio_callback_marks_delivery(client, twilio_row):
    account, row = twilio_row
    params = status_params(row.provider_id, "delivered", To=row.phone, Price="-0.05")
    response = post_twilio(client, account, params)
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.status == R.DELIVERED and row.delivered_at is not None


@pytest.mark.parametrize("signature", ["", "bm90LXRoZS1zaWduYXR1cmU="])
def test_forged_or_unsigned_twilio_callbacks_are_refused(client, twilio_row, signature):
    account, row = twilio_row
    params = status_params(row.provider_id, "delivered")
    assert post_twilio(client, account, params, signature=signature).status_code == 403
    row.refresh_from_db()
    assert row.status == R.ACCEPTED


def test_a_callback_signed_for_other_parameters_is_refused(client, twilio_row):
    account, row = twilio_row
    signed = status_params(row.provider_id, "failed")
    signature = twilio_signature(
        account.secrets["auth_token"],
        BASE + reverse("campaigns:webhook", args=["twilio", account.key]),
        signed,
    )
    tampered = status_params(row.provider_id, "delivered")
    assert post_twilio(client, account, tampered, signature=signature).status_code == 403


def test_unknown_account_key_is_refused_like_a_forgery(client, twilio_row):
    response = client.post("/webhooks/twilio/no-such-key/", {"MessageSid": "SM1"})
    assert response.status_code == 403


def test_duplicates_change_nothing_and_a_late_sent_never_moves_back(client, twilio_row):
    account, row = twilio_row
    for status in ("delivered", "delivered", "sent", "undelivered"):
        assert (
            post_twilio(client, account, status_params(row.provider_id, status)).status_code == 200
        )
    row.refresh_from_db()
    assert row.status == R.DELIVERED and row.failure == ""


def test_an_undelivered_callback_records_the_carrier_reason(client, twilio_row):
    account, row = twilio_row
    params = status_params(row.provider_id, "undelivered", error_code="30003")
    post_twilio(client, account, params)
    row.refresh_from_db()
    assert (row.status, row.failure, row.error_code) == (R.UNDELIVERED, "undelivered", "30003")


def test_zalo_events_with_a_good_mac_mark_delivered_then_read(client, world):
    with FakeZalo() as fake:
        account = zalo_account(world.a, fake)
        row = sent_row(
            world, account, channel_options={"template_id": "t", "template_data": "n = {ten}"}
        )
    url = reverse("campaigns:webhook", args=["zalo", account.key])
    for event in ("user_seen_message", "user_received_message"):
        raw, headers = zalo_signed(zalo_event(event, row.provider_id, row.uid.hex))
        response = client.post(
            url,
            raw,
            content_type="application/json",
            headers={"X-ZEvent-Signature": headers["X-ZEvent-Signature"]},
        )
        assert response.status_code == 200
    row.refresh_from_db()
    assert row.status == R.READ and row.read_at and row.delivered_at


def test_zalo_event_with_a_wrong_mac_is_refused(client, world):
    with FakeZalo() as fake:
        account = zalo_account(world.a, fake)
        row = sent_row(
            world, account, channel_options={"template_id": "t", "template_data": "n = {ten}"}
        )
    url = reverse("campaigns:webhook", args=["zalo", account.key])
    raw, _headers = zalo_signed(zalo_event("user_received_message", row.provider_id))
    tampered = json.loads(raw)
    tampered["message"]["msg_id"] = "someone-else"
    response = client.post(
        url,
        json.dumps(tampered),
        content_type="application/json",
        headers={"X-ZEvent-Signature": _headers["X-ZEvent-Signature"]},
    )
    assert response.status_code == 403
    assert client.post(url, raw, content_type="application/json").status_code == 403


def test_esms_report_needs_the_secret_token(client, world):
    from tests.fakes.esms import FakeEsms

    with FakeEsms() as fake:
        account = esms_account(world.a, fake)
        row = sent_row(world, account)
    url = reverse("campaigns:webhook", args=["esms", account.key])
    query = callback_query(row.provider_id, row.uid.hex, 5, row.phone)
    assert client.get(url, {**query, "token": "guess"}).status_code == 403
    assert client.get(url, query).status_code == 403
    assert client.get(url, {**query, "token": CALLBACK_TOKEN}).status_code == 200
    row.refresh_from_db()
    assert row.status == R.DELIVERED


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("TU CHOI", "out"),
        ("Từ chối", "out"),
        ("từ chối nhận tin", "out"),
        ("huỷ", "out"),
        ("Hủy.", "out"),
        ("stop", "out"),
        ("DỪNG", "out"),
        ("Đúng rồi", None),
        ("Tôi dừng xe", None),
        ("START", "in"),
        ("đồng ý", "in"),
        ("Cảm ơn phường", None),
    ],
)
def test_reply_keywords_are_accent_and_case_insensitive(text, action):
    assert delivery.keyword_action(text) == action


def test_a_stop_reply_opts_out_on_every_channel_and_start_opts_back_in(
    client, twilio_row, django_capture_on_commit_callbacks
):
    account, row = twilio_row
    inbound = "campaigns:webhook_inbound"
    params = {"From": row.phone, "To": "+15005550006", "Body": "Từ chối", "MessageSid": "SMin1"}
    with django_capture_on_commit_callbacks(execute=True):
        response = post_twilio(client, account, params, path_name=inbound)
    assert response.status_code == 200 and b"<Response>" in response.content
    assert OptOut.objects.filter(ward=row.campaign.ward, phone=row.phone).exists()
    assert OptOutEvent.objects.get(action="out").campaign == row.campaign
    # Each message Twilio receives has its own sid (a repeated sid is a retry, ignored).
    with django_capture_on_commit_callbacks(execute=True):
        post_twilio(
            client, account, {**params, "Body": "DONG Y", "MessageSid": "SMin2"}, path_name=inbound
        )
    assert not OptOut.objects.filter(phone=row.phone).exists()
    assert post_twilio(client, account, params, signature="", path_name=inbound).status_code == 403
    assert not OptOut.objects.filter(phone=row.phone).exists()


def test_webhooks_are_not_behind_csrf(twilio_row):
    from django.test import Client

    account, row = twilio_row
    strict = Client(enforce_csrf_checks=True)
    assert post_twilio(strict, account, status_params(row.provider_id, "sent")).status_code == 200


def test_a_giup_reply_asks_for_help_without_opting_out(
    client, twilio_row, django_capture_on_commit_callbacks
):
    from campaigns.signals import help_requested

    account, row = twilio_row
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    help_requested.connect(listener)
    try:
        params = {"From": row.phone, "To": "+15005550006", "Body": "Giúp", "MessageSid": "SMh"}
        with django_capture_on_commit_callbacks(execute=True):
            response = post_twilio(client, account, params, path_name="campaigns:webhook_inbound")
    finally:
        help_requested.disconnect(listener)
    assert response.status_code == 200
    [asked] = heard
    assert asked["phone"] == row.phone and asked["ward_id"] == account.ward_id
    assert asked["resident_id"] == row.resident_id and asked["text"] == "Giúp"
    assert not OptOut.objects.filter(phone=row.phone).exists()

"""Hostile replies and answers: whatever arrives, no 5xx, nothing stored twice, text kept clean."""

import itertools
import json
import unicodedata

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from campaigns.inbox.receiving import CONTROL, clean_text
from campaigns.models import InboundMessage, Notice
from tests.campaigns.conftest import twilio_account, zalo_account
from tests.fakes.twilio import AUTH_TOKEN, FakeTwilio, twilio_signature
from tests.fakes.zalo import FakeZalo, zalo_reply, zalo_signed
from tests.hostile import PROPERTY, sent, texts

pytestmark = pytest.mark.django_db
TWENTY_MB = b"a" * (20 * 1024 * 1024)
ids = itertools.count()
phones = st.sampled_from(["+84912345678", "0912345679", "84 91 234 5680", ""]) | texts


@pytest.fixture(scope="module")
def fakes():
    with FakeTwilio() as twilio, FakeZalo() as zalo:
        yield twilio, zalo


@pytest.fixture
def accounts(world, fakes):
    return twilio_account(world.a, fakes[0]), zalo_account(world.a, fakes[1])


def assert_clean(before: int):
    for message in InboundMessage.objects.filter(pk__gt=before):
        assert not CONTROL.search(message.text) and len(message.text) <= 1600
        assert unicodedata.is_normalized("NFC", message.text)


def twilio_reply(account, form):
    url = f"/webhooks/twilio/{account.key}/tin-den/"
    signature = twilio_signature(AUTH_TOKEN, "http://testserver" + url, form)
    return sent(Client().post(url, form, headers={"X-Twilio-Signature": signature}))


@PROPERTY
@given(body=texts, sender=phones, sid=st.none() | texts)
def test_signed_twilio_replies_never_fail_and_a_retry_stores_nothing(accounts, body, sender, sid):
    twilio, _zalo = accounts
    form = {"From": sender, "Body": body, "MessageSid": f"SM{next(ids)}" if sid is None else sid}
    last = InboundMessage.objects.order_by("pk").last()
    before = last.pk if last else 0
    first = twilio_reply(twilio, form)
    assert first.status_code < 500
    stored = InboundMessage.objects.count()
    kept_as = clean_text(form["MessageSid"], limit=64).replace("\n", " ")
    if first.status_code == 200 and kept_as:
        assert InboundMessage.objects.filter(provider_id=kept_as).exists()
    again = twilio_reply(twilio, form)
    assert again.status_code < 500
    if kept_as:  # a reply with no usable id is kept each time: nothing tells a retry from it
        assert InboundMessage.objects.count() == stored
    assert_clean(before)


@PROPERTY
@given(
    text=texts | st.integers() | st.none(),
    msg_id=st.none() | texts | st.integers(),
    user=texts | st.integers() | st.none(),
    timestamp=texts,
    event=st.sampled_from(["user_send_text", "follow"]) | texts,
)
def test_signed_zalo_replies_never_fail_and_a_retry_stores_nothing(
    accounts, text, msg_id, user, timestamp, event
):
    _twilio, zalo = accounts
    payload = zalo_reply("", "")
    payload.update(event_name=event, timestamp=timestamp, sender={"id": user})
    payload["message"] = {"text": text, "msg_id": msg_id}
    raw, headers = zalo_signed(payload)
    headers.pop("Content-Type")
    last = InboundMessage.objects.order_by("pk").last()
    before = last.pk if last else 0
    counts = []
    for path in ("tin-den/", "", "tin-den/"):
        response = sent(
            Client().post(
                f"/webhooks/zalo/{zalo.key}/{path}",
                raw,
                content_type="application/json",
                headers=headers,
            )
        )
        assert response.status_code < 500
        if response.status_code == 400:
            assert "không hợp lệ" in response.content.decode()
        counts.append(InboundMessage.objects.count())
    assert counts[0] == counts[1] == counts[2]
    assert_clean(before)


@PROPERTY
@given(body=st.binary(max_size=300), signature=st.sampled_from(["", "mac=", "abc"]) | texts)
def test_bad_encodings_and_forgeries_are_refused_and_keep_nothing(accounts, body, signature):
    twilio, zalo = accounts
    headers = {"X-Twilio-Signature": signature, "X-ZEvent-Signature": signature}
    for account, slug in ((twilio, "twilio"), (zalo, "zalo")):
        for path in ("tin-den/", ""):
            for content_type in ("application/x-www-form-urlencoded", "application/json"):
                response = sent(
                    Client().post(
                        f"/webhooks/{slug}/{account.key}/{path}",
                        body,
                        content_type=content_type,
                        headers=headers,
                    )
                )
                assert 400 <= response.status_code < 500
    assert not InboundMessage.objects.exists()


@pytest.mark.parametrize("slug,path", [("twilio", "tin-den/"), ("zalo", "tin-den/"), ("zalo", "")])
def test_a_twenty_megabyte_body_is_a_4xx(accounts, slug, path):
    account = accounts[0] if slug == "twilio" else accounts[1]
    raw, headers = zalo_signed({**zalo_reply("a", "m"), "pad": TWENTY_MB.decode()})
    if slug == "twilio":
        raw, headers = b"Body=" + TWENTY_MB, {"X-Twilio-Signature": "x"}
        content_type = "application/x-www-form-urlencoded"
    else:
        headers.pop("Content-Type")
        content_type = "application/json"
    response = sent(
        Client().post(
            f"/webhooks/{slug}/{account.key}/{path}",
            raw,
            content_type=content_type,
            headers=headers,
        )
    )
    assert 400 <= response.status_code < 500
    assert not InboundMessage.objects.exists()


# --- the staff answer form -------------------------------------------------------------------


@pytest.fixture
def thread(world, client):
    client.force_login(world.comms)
    return InboundMessage.objects.create(
        ward=world.a, account=world.console, phone="+84912345678", text="?"
    )


@PROPERTY
@given(
    text=texts,
    token=st.sampled_from(["valid"]) | texts,
    extra=st.dictionaries(st.sampled_from(["ward", "pk", "action"]), texts, max_size=2),
)
def test_the_answer_form_never_fails_and_a_refusal_sends_nothing(
    client, thread, text, token, extra
):
    if token == "valid":
        token = f"{next(ids):032x}"
    before = Notice.objects.count()
    data = {**extra, "text": text.replace("\x00", ""), "token": token.replace("\x00", "")}
    response = sent(client.post(f"/admin/chien-dich/hop-thu/{thread.pk}/", data))
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert Notice.objects.count() == before
        page = response.content.decode()
        assert "Chưa gửi được" in page
    else:
        notice = Notice.objects.latest("pk")
        assert 0 < len(notice.text) <= 1000 and not CONTROL.search(notice.text)


def test_the_answer_form_refuses_a_huge_body(client, thread):
    data = {"text": "á" * 3_000_000, "token": "a" * 32}
    response = sent(client.post(f"/admin/chien-dich/hop-thu/{thread.pk}/", data))
    assert 400 <= response.status_code < 500 and not Notice.objects.exists()


def test_json_is_not_a_form(client, thread):
    response = client.post(
        f"/admin/chien-dich/hop-thu/{thread.pk}/",
        json.dumps({"text": "Dạ", "token": "a" * 32}),
        content_type="application/json",
    )
    assert response.status_code == 400 and not Notice.objects.exists()

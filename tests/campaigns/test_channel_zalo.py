import hashlib
import json
import threading
from datetime import UTC, datetime, timedelta

import pytest

from campaigns.channels import ForgedCallback, OutboundMessage, Outcome, get_channel
from campaigns.channels.zalo_zns import zalo_mac
from tests.campaigns import conftest_channels  # noqa: F401 - Django settings
from tests.fakes.base import CallbackSink
from tests.fakes.zalo import (
    APP_ID,
    APP_SECRET,
    OA_SECRET_KEY,
    FakeZalo,
    zalo_callback_request,
    zalo_event,
)

PHONE = "+84912345678"
WEBHOOK = "https://phuongso.example/campaigns/callbacks/zalo/"


@pytest.fixture(scope="module")
def fake():
    with FakeZalo(daily_quota=100) as server:
        yield server


@pytest.fixture
def stored():
    """What the campaigns app would keep: the last pair reported by the channel."""
    return []


@pytest.fixture
def channel(fake, stored):
    fake.reset()
    config = fake.channel_config(on_tokens_refreshed=lambda *pair: stored.append(pair))
    with get_channel("zalo_zns", config) as built:
        yield built


def message(message_id="msg-1", phone=PHONE):
    return OutboundMessage(
        message_id=message_id,
        phone_e164=phone,
        body="",
        template_id="301234",
        template_data={"ten": "Nguyễn Văn An", "thu_tuc": "Đăng ký thường trú"},
    )


def test_send_posts_the_template_with_the_access_token_header(fake, channel):
    result = channel.send(message())
    assert result.outcome == Outcome.ACCEPTED
    assert result.provider_id == fake.accepted[0]["provider_id"]
    assert result.remaining_quota == 99
    [request] = fake.requests
    assert request.path == "/message/template"
    assert request.header("access_token") == "access-0"
    assert request.header("Content-Type") == "application/json"
    assert request.json() == {
        "phone": "84912345678",
        "template_id": "301234",
        "template_data": {"ten": "Nguyễn Văn An", "thu_tuc": "Đăng ký thường trú"},
        "tracking_id": "msg-1",
    }
    assert channel.send(message("msg-2")).remaining_quota == 98


@pytest.mark.parametrize(
    ("code", "outcome"),
    [
        (-108, Outcome.PERMANENT_ERROR),
        (-109, Outcome.PERMANENT_ERROR),
        (-111, Outcome.PERMANENT_ERROR),
        (-112, Outcome.PERMANENT_ERROR),
        (-101, Outcome.PERMANENT_ERROR),
        (-118, Outcome.NO_ACCOUNT),
        (-144, Outcome.QUOTA_EXCEEDED),
        (-100, Outcome.TRANSIENT_ERROR),
    ],
)
def test_error_codes_map_to_outcomes(fake, channel, code, outcome):
    fake.errors[PHONE] = code
    result = channel.send(message())
    assert result.outcome == outcome
    assert result.error_code == str(code)
    assert channel.send(message("msg-2", phone="+84987654321")).accepted


def test_exhausted_quota_stops_the_channel(fake, channel):
    fake.remaining_quota = 1
    first = channel.send(message("msg-1"))
    assert first.accepted and first.remaining_quota == 0
    assert channel.send(message("msg-2")).outcome == Outcome.QUOTA_EXCEEDED


def test_invalid_token_is_refreshed_once_then_the_send_succeeds(fake, channel, stored):
    fake.expire_access_token()
    before = datetime.now(UTC)
    result = channel.send(message())
    assert result.outcome == Outcome.ACCEPTED
    paths = [r.path for r in fake.requests]
    assert paths == ["/message/template", "/v4/oa/access_token", "/message/template"]
    refresh = fake.requests[1]
    assert refresh.header("secret_key") == APP_SECRET
    assert refresh.header("Content-Type") == "application/x-www-form-urlencoded"
    assert refresh.form() == {
        "app_id": APP_ID,
        "grant_type": "refresh_token",
        "refresh_token": "refresh-0",
    }
    assert fake.requests[2].header("access_token") == "access-1"
    [(access, refresh_token, expires_at)] = stored
    assert (access, refresh_token) == ("access-1", "refresh-1")
    assert before + timedelta(seconds=89990) < expires_at < before + timedelta(seconds=90100)
    # The next send uses the new token straight away.
    assert channel.send(message("msg-2")).accepted
    assert fake.requests[-1].header("access_token") == "access-1"
    assert len(stored) == 1


def test_failed_refresh_is_transient_and_reports_nothing(fake, stored):
    fake.reset()
    config = fake.channel_config(
        refresh_token="spent", on_tokens_refreshed=lambda *p: stored.append(p)
    )
    fake.expire_access_token()
    with get_channel("zalo_zns", config) as channel:
        result = channel.send(message())
    assert result.outcome == Outcome.TRANSIENT_ERROR
    assert result.error_code == "token_refresh_failed"
    assert stored == []
    assert len(fake.requests_to("/message/template")) == 1


def test_still_invalid_after_refresh_does_not_loop(fake, channel):
    fake.errors[PHONE] = -124
    result = channel.send(message())
    assert result.outcome == Outcome.TRANSIENT_ERROR
    assert result.error_code == "-124"
    assert len(fake.requests_to("/v4/oa/access_token")) == 1
    assert len(fake.requests_to("/message/template")) == 2


def test_two_workers_spend_the_refresh_token_only_once(fake):
    """Both workers get -124; the shared lock and store let only one of them refresh."""
    fake.reset()
    store = {"pair": ("access-0", "refresh-0")}
    lock = threading.Lock()

    def save(access, refresh, expires_at):
        store["pair"] = (access, refresh)

    config = fake.channel_config(
        token_lock=lambda: lock, load_tokens=lambda: store["pair"], on_tokens_refreshed=save
    )
    workers = [get_channel("zalo_zns", config) for _ in range(4)]
    fake.expire_access_token()
    results = []
    threads = [
        threading.Thread(target=lambda w=w, i=i: results.append(w.send(message(f"m{i}"))))
        for i, w in enumerate(workers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    for worker in workers:
        worker.close()
    assert [r.outcome for r in results] == [Outcome.ACCEPTED] * 4
    assert len(fake.requests_to("/v4/oa/access_token")) == 1
    assert store["pair"] == ("access-1", "refresh-1")


def test_network_trouble_is_transient(fake):
    fake.reset()
    fake.delay = 1.0
    with get_channel("zalo_zns", fake.channel_config(timeout=0.2)) as channel:
        result = channel.send(message())
    fake.delay = 0.0
    assert (result.outcome, result.error_code) == (Outcome.TRANSIENT_ERROR, "timeout")
    fake.rate_limit = 0
    with get_channel("zalo_zns", fake.channel_config()) as channel:
        result = channel.send(message())
    assert (result.outcome, result.error_code) == (Outcome.TRANSIENT_ERROR, "http_429")


def test_mac_formula_is_sha256_of_app_id_body_timestamp_secret():
    raw = b'{"event_name":"user_received_message","timestamp":"1700000000000"}'
    expected = hashlib.sha256(
        (APP_ID + raw.decode() + "1700000000000" + OA_SECRET_KEY).encode()
    ).hexdigest()
    assert zalo_mac(APP_ID, raw, "1700000000000", OA_SECRET_KEY) == expected
    assert zalo_mac(APP_ID, raw.decode(), 1700000000000, OA_SECRET_KEY) == expected


@pytest.mark.parametrize(
    ("event_name", "status"),
    [("user_received_message", "delivered"), ("user_seen_message", "read")],
)
def test_signed_webhook_parses(channel, event_name, status):
    payload = zalo_event(event_name, "zmsg-1", "msg-1", timestamp_ms=1700000000123)
    [update] = channel.parse_callback(zalo_callback_request(WEBHOOK, payload))
    assert (update.provider_id, update.tracking_id, update.status) == ("zmsg-1", "msg-1", status)
    assert update.occurred_at == datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=UTC)


def test_seen_event_with_a_list_of_ids_and_other_events(channel):
    payload = zalo_event("user_seen_message", "", "")
    payload["message"] = {"msg_ids": ["a", "b"]}
    updates = channel.parse_callback(zalo_callback_request(WEBHOOK, payload))
    assert [(u.provider_id, u.status) for u in updates] == [("a", "read"), ("b", "read")]
    other = zalo_event("user_send_text", "x", "")
    assert channel.parse_callback(zalo_callback_request(WEBHOOK, other)) == []


def test_forged_or_unsigned_webhooks_are_refused(channel):
    payload = zalo_event("user_received_message", "zmsg-1", "msg-1")
    forged = [
        zalo_callback_request(WEBHOOK, payload, signature=""),
        zalo_callback_request(WEBHOOK, payload, signature="mac=" + "0" * 64),
        zalo_callback_request(WEBHOOK, payload, oa_secret_key="not-ours"),
        zalo_callback_request(WEBHOOK, payload, app_id="another-app"),
    ]
    # Signed, then the body was changed.
    good = zalo_callback_request(WEBHOOK, payload)
    tampered = zalo_callback_request(
        WEBHOOK,
        {**payload, "message": {**payload["message"], "tracking_id": "msg-2"}},
        signature=good.headers["X-ZEvent-Signature"],
    )
    forged.append(tampered)
    for request in forged:
        with pytest.raises(ForgedCallback):
            channel.parse_callback(request)


def test_fake_posts_webhooks_that_the_channel_accepts(fake, channel):
    assert channel.send(message("msg-7")).accepted
    with CallbackSink() as sink:
        assert fake.deliver_event(sink.url + "/cb/zalo/", "msg-7").status_code == 200
        [update] = channel.parse_callback(sink.django_request())
    assert update.tracking_id == "msg-7"
    assert update.status == "delivered"
    assert json.loads(sink.requests[0].body)["event_name"] == "user_received_message"


def test_fake_can_deliver_on_its_own(fake, channel):
    fake.auto_callback_after = 0.0
    with CallbackSink() as sink:
        fake.webhook_url = sink.url + "/cb/zalo/"
        assert channel.send(message("msg-8")).accepted
        assert sink.wait_for_requests(1)
        [update] = channel.parse_callback(sink.django_request())
    assert (update.tracking_id, update.status) == ("msg-8", "delivered")

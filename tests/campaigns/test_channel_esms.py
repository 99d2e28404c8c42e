import socket
from urllib.parse import parse_qs, urlsplit

import pytest

from campaigns.channels import ForgedCallback, OutboundMessage, Outcome, get_channel
from tests.campaigns import conftest_channels  # noqa: F401 - Django settings
from tests.fakes.base import CallbackSink
from tests.fakes.esms import (
    API_KEY,
    BRANDNAME,
    CALLBACK_TOKEN,
    SECRET_KEY,
    SEND_PATH,
    FakeEsms,
    esms_callback_request,
)

PHONE = "+84912345678"
CALLBACK = "https://phuongso.example/campaigns/callbacks/esms/"
VIETNAMESE = "Phường Bến Nghé: mời bà con đăng ký tài khoản dịch vụ công trước 30/6."


@pytest.fixture(scope="module")
def fake():
    with FakeEsms() as server:
        yield server


@pytest.fixture
def channel(fake):
    fake.reset()
    with get_channel("esms", fake.channel_config()) as built:
        yield built


def message(message_id="msg-1", phone=PHONE, body=VIETNAMESE, callback_url=CALLBACK):
    return OutboundMessage(
        message_id=message_id, phone_e164=phone, body=body, callback_url=callback_url
    )


def test_send_posts_the_documented_json(fake, channel):
    result = channel.send(message())
    assert result.outcome == Outcome.ACCEPTED
    assert result.provider_id == fake.accepted[0]["provider_id"]
    [request] = fake.requests
    assert request.path == SEND_PATH
    body = request.json()
    callback = body.pop("CallbackUrl")
    assert body == {
        "ApiKey": API_KEY,
        "SecretKey": SECRET_KEY,
        "Phone": "84912345678",
        "Content": VIETNAMESE,
        "Brandname": BRANDNAME,
        "SmsType": "2",
        "IsUnicode": "1",
        "Sandbox": "0",
        "RequestId": "msg-1",
    }
    assert callback.startswith(CALLBACK)
    assert parse_qs(urlsplit(callback).query) == {"token": [CALLBACK_TOKEN]}


def test_plain_ascii_is_not_unicode_and_no_callback_when_none_given(fake, channel):
    assert channel.send(message(body="Ma OTP: 123456", callback_url="")).accepted
    body = fake.requests[0].json()
    assert body["IsUnicode"] == "0"
    assert "CallbackUrl" not in body


def test_sandbox_and_advertising_type_come_from_config(fake):
    fake.reset()
    with get_channel("esms", fake.channel_config(sandbox="true", sms_type="1")) as channel:
        assert channel.send(message()).accepted
    body = fake.requests[0].json()
    assert (body["Sandbox"], body["SmsType"]) == ("1", "1")


def test_resending_after_a_crash_is_accepted_without_a_second_copy(fake, channel):
    first = channel.send(message("msg-42"))
    again = channel.send(message("msg-42"))
    assert first.outcome == again.outcome == Outcome.ACCEPTED
    assert again.error_code == "124"
    assert len(fake.accepted_for(PHONE)) == 1


@pytest.mark.parametrize(
    ("code", "outcome"),
    [
        (108, Outcome.PERMANENT_ERROR),
        (104, Outcome.PERMANENT_ERROR),
        (140, Outcome.PERMANENT_ERROR),
        (101, Outcome.PERMANENT_ERROR),
        (103, Outcome.QUOTA_EXCEEDED),
        (99, Outcome.TRANSIENT_ERROR),
    ],
)
def test_error_codes_map_to_outcomes(fake, channel, code, outcome):
    fake.errors[PHONE] = code
    result = channel.send(message())
    assert result.outcome == outcome
    assert result.error_code == str(code)
    assert channel.send(message("msg-2", phone="+84987654321")).accepted


def test_real_config_errors_from_the_fake(fake):
    fake.reset()
    with get_channel("esms", fake.channel_config(secret_key="wrong")) as channel:
        assert channel.send(message()).error_code == "101"
    with get_channel("esms", fake.channel_config(brandname="NOBODY")) as channel:
        assert channel.send(message()).error_code == "104"
    fake.balance = 0
    with get_channel("esms", fake.channel_config()) as channel:
        assert channel.send(message()).outcome == Outcome.QUOTA_EXCEEDED


def test_network_trouble_is_transient(fake):
    fake.reset()
    fake.delay = 1.0
    with get_channel("esms", fake.channel_config(timeout=0.2)) as channel:
        result = channel.send(message())
    fake.delay = 0.0
    assert (result.outcome, result.error_code) == (Outcome.TRANSIENT_ERROR, "timeout")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = fake.channel_config(api_base=f"http://127.0.0.1:{port}")
    with get_channel("esms", config) as channel:
        result = channel.send(message())
    assert (result.outcome, result.error_code) == (Outcome.TRANSIENT_ERROR, "network")


@pytest.mark.parametrize(
    ("send_status", "status", "error_code"),
    [("5", "delivered", ""), ("4", "failed", "4"), ("2", "sent", ""), ("7", "sent", "")],
)
def test_callback_with_the_token_parses(channel, send_status, status, error_code):
    url = f"{CALLBACK}?token={CALLBACK_TOKEN}"
    request = esms_callback_request(url, "sms-1", "msg-1", send_status, "84912345678")
    [update] = channel.parse_callback(request)
    assert (update.provider_id, update.tracking_id) == ("sms-1", "msg-1")
    assert (update.status, update.error_code) == (status, error_code)


@pytest.mark.parametrize("query", ["", "?token=", "?token=guess", f"?token={CALLBACK_TOKEN}x"])
def test_callback_without_the_right_token_is_refused(channel, query):
    request = esms_callback_request(CALLBACK + query, "sms-1", "msg-1", 5)
    with pytest.raises(ForgedCallback):
        channel.parse_callback(request)


def test_fake_calls_back_the_url_the_channel_gave_it(fake, channel):
    with CallbackSink() as sink:
        assert channel.send(message("msg-9", callback_url=sink.url + "/cb/esms/")).accepted
        assert fake.fire_callback("msg-9", send_status=5).status_code == 200
        [update] = channel.parse_callback(sink.django_request())
    assert (update.tracking_id, update.status) == ("msg-9", "delivered")
    assert update.provider_id == fake.accepted[0]["provider_id"]


def test_fake_can_deliver_on_its_own(fake, channel):
    fake.auto_callback_after = 0.0
    with CallbackSink() as sink:
        assert channel.send(message("msg-10", callback_url=sink.url + "/cb/esms/")).accepted
        assert sink.wait_for_requests(1)
        [update] = channel.parse_callback(sink.django_request())
    assert (update.tracking_id, update.status) == ("msg-10", "delivered")

import socket

import pytest
from twilio.request_validator import RequestValidator

from campaigns.channels import ForgedCallback, OutboundMessage, Outcome, get_channel
from campaigns.channels.twilio_sms import LoopbackHttpClient
from tests.campaigns import conftest_channels  # noqa: F401 - Django settings
from tests.fakes.base import CallbackSink
from tests.fakes.twilio import (
    AUTH_TOKEN,
    FakeTwilio,
    status_params,
    twilio_callback_request,
    twilio_signature,
)

PHONE = "+84912345678"
CALLBACK = "https://phuongso.example/campaigns/callbacks/twilio/?tracking_id=msg-1"

# The known vector from INTEGRATIONS.md.
VECTOR_URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
VECTOR_PARAMS = {
    "CallSid": "CA1234567890ABCDE",
    "Caller": "+12349013030",
    "Digits": "1234",
    "From": "+12349013030",
    "To": "+18005551212",
}
VECTOR_SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ="


@pytest.fixture(scope="module")
def fake():
    with FakeTwilio() as server:
        yield server


@pytest.fixture
def channel(fake):
    fake.reset()
    with get_channel("twilio_sms", fake.channel_config()) as built:
        yield built


def message(phone=PHONE, body="Phường thông báo lịch tiêm chủng.", **kwargs):
    return OutboundMessage(message_id="msg-1", phone_e164=phone, body=body, **kwargs)


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_send_reaches_the_fake_with_the_real_request_shape(fake, channel):
    result = channel.send(message(callback_url=CALLBACK))
    assert result.outcome == Outcome.ACCEPTED
    assert result.provider_id.startswith("SM") and len(result.provider_id) == 34
    [request] = fake.requests
    assert request.path == f"/2010-04-01/Accounts/{fake.account_sid}/Messages.json"
    form = request.form()
    assert form["To"] == PHONE
    assert form["From"] == "+15005550006"
    assert form["Body"] == "Phường thông báo lịch tiêm chủng."
    assert form["StatusCallback"] == CALLBACK
    assert fake.accepted_for(PHONE)[0]["provider_id"] == result.provider_id


def test_messaging_service_is_used_instead_of_a_number(fake):
    fake.reset()
    config = fake.channel_config(from_number="", messaging_service_sid="MG" + "1" * 32)
    with get_channel("twilio_sms", config) as channel:
        assert channel.send(message()).accepted
    form = fake.requests[0].form()
    assert form["MessagingServiceSid"] == "MG" + "1" * 32
    assert "From" not in form


@pytest.mark.parametrize(
    ("code", "outcome"),
    [
        (21211, Outcome.PERMANENT_ERROR),
        (21614, Outcome.PERMANENT_ERROR),
        (21612, Outcome.PERMANENT_ERROR),
        (21408, Outcome.PERMANENT_ERROR),
        (21610, Outcome.OPTED_OUT),
        (20429, Outcome.TRANSIENT_ERROR),
        (14107, Outcome.TRANSIENT_ERROR),
        (63018, Outcome.TRANSIENT_ERROR),
        (21611, Outcome.TRANSIENT_ERROR),
        (500, Outcome.TRANSIENT_ERROR),
        (503, Outcome.TRANSIENT_ERROR),
        (30007, Outcome.PERMANENT_ERROR),
    ],
)
def test_error_codes_map_to_outcomes(fake, channel, code, outcome):
    fake.errors[PHONE] = code
    result = channel.send(message())
    assert result.outcome == outcome
    assert result.error_code == str(code)
    assert result.provider_id == ""
    # Other numbers are unaffected.
    assert channel.send(message(phone="+84987654321")).accepted


def test_wrong_credentials_are_permanent(fake):
    fake.reset()
    with get_channel("twilio_sms", fake.channel_config(auth_token="wrong")) as channel:
        result = channel.send(message())
    assert result.outcome == Outcome.PERMANENT_ERROR
    assert result.error_code == "20003"


def test_rate_limit_of_the_fake_is_transient(fake, channel):
    fake.rate_limit = 1
    outcomes = [channel.send(message()).outcome for _ in range(3)]
    assert Outcome.TRANSIENT_ERROR in outcomes


def test_unreachable_and_slow_provider_are_transient(fake):
    config = fake.channel_config(api_base=closed_port_url())
    with get_channel("twilio_sms", config) as channel:
        result = channel.send(message())
    assert result.outcome == Outcome.TRANSIENT_ERROR
    assert result.error_code == "network"

    fake.reset()
    fake.delay = 1.0
    with get_channel("twilio_sms", fake.channel_config(timeout=0.2)) as channel:
        result = channel.send(message())
    fake.delay = 0.0
    assert result.outcome == Outcome.TRANSIENT_ERROR


def test_loopback_client_rewrites_scheme_host_and_prefix():
    client = LoopbackHttpClient("http://127.0.0.1:8025/fake-twilio/")
    url = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=5"
    assert client.rewrite(url) == (
        "http://127.0.0.1:8025/fake-twilio/2010-04-01/Accounts/AC1/Messages.json?PageSize=5"
    )


def test_known_vector_validates():
    validator = RequestValidator("12345")
    assert validator.compute_signature(VECTOR_URL, VECTOR_PARAMS) == VECTOR_SIGNATURE
    assert twilio_signature("12345", VECTOR_URL, VECTOR_PARAMS) == VECTOR_SIGNATURE
    channel = get_channel(
        "twilio_sms", {"account_sid": "AC1", "auth_token": "12345", "from_number": "+15005550006"}
    )
    request = twilio_callback_request(VECTOR_URL, VECTOR_PARAMS, signature=VECTOR_SIGNATURE)
    assert channel.parse_callback(request) == []  # valid, but not a message status
    tampered = twilio_callback_request(
        VECTOR_URL, {**VECTOR_PARAMS, "Digits": "1235"}, signature=VECTOR_SIGNATURE
    )
    with pytest.raises(ForgedCallback):
        channel.parse_callback(tampered)


@pytest.mark.parametrize(
    ("twilio_status", "status"),
    [
        ("sent", "sent"),
        ("delivered", "delivered"),
        ("read", "read"),
        ("undelivered", "undelivered"),
        ("failed", "failed"),
        ("canceled", "failed"),
    ],
)
def test_signed_status_callback_parses(channel, twilio_status, status):
    params = status_params("SM" + "a" * 32, twilio_status, error_code="30003", ApiVersion="2010")
    [update] = channel.parse_callback(twilio_callback_request(CALLBACK, params, AUTH_TOKEN))
    assert update.provider_id == "SM" + "a" * 32
    assert update.status == status
    assert update.error_code == "30003"
    assert update.tracking_id == "msg-1"
    assert update.occurred_at.tzinfo is not None


def test_intermediate_statuses_are_ignored(channel):
    for twilio_status in ("queued", "accepted", "sending", "scheduled"):
        params = status_params("SM1", twilio_status)
        assert channel.parse_callback(twilio_callback_request(CALLBACK, params)) == []


def test_forged_or_unsigned_callbacks_are_refused(channel):
    params = status_params("SM1", "delivered")
    forged = [
        twilio_callback_request(CALLBACK, params, signature=""),  # no header
        twilio_callback_request(CALLBACK, params, signature="AAAA"),
        twilio_callback_request(CALLBACK, params, auth_token="someone-else"),
    ]
    # Signed without a parameter that was then added, and signed for another URL.
    signature = twilio_signature(AUTH_TOKEN, CALLBACK, params)
    forged.append(
        twilio_callback_request(CALLBACK, {**params, "ErrorCode": "1"}, signature=signature)
    )
    signature = twilio_signature(AUTH_TOKEN, CALLBACK.replace("msg-1", "msg-2"), params)
    forged.append(twilio_callback_request(CALLBACK, params, signature=signature))
    for request in forged:
        with pytest.raises(ForgedCallback):
            channel.parse_callback(request)


def test_public_base_url_rebuilds_the_signed_url_behind_a_proxy(fake):
    public = "https://phuongso.example/cb/twilio/?tracking_id=msg-9"
    internal = "http://10.0.0.5:8000/cb/twilio/?tracking_id=msg-9"
    params = status_params("SM9", "delivered")
    signature = twilio_signature(AUTH_TOKEN, public, params)
    request = twilio_callback_request(internal, params, signature=signature)
    with get_channel("twilio_sms", fake.channel_config()) as plain:
        with pytest.raises(ForgedCallback):
            plain.parse_callback(request)
    config = fake.channel_config(public_base_url="https://phuongso.example/")
    with get_channel("twilio_sms", config) as proxied:
        [update] = proxied.parse_callback(request)
    assert update.status == "delivered"
    assert update.tracking_id == "msg-9"


def test_fake_posts_signed_callbacks_that_the_channel_accepts(fake, channel):
    with CallbackSink() as sink:
        url = f"{sink.url}/cb/twilio/?tracking_id=msg-1"
        result = channel.send(message(callback_url=url))
        response = fake.send_status(result.provider_id, "undelivered", error_code="30005")
        assert response.status_code == 200
        [update] = channel.parse_callback(sink.django_request())
    assert (update.provider_id, update.status, update.error_code, update.tracking_id) == (
        result.provider_id,
        "undelivered",
        "30005",
        "msg-1",
    )


def test_fake_can_deliver_on_its_own(fake, channel):
    fake.auto_callback_after = 0.0
    with CallbackSink() as sink:
        result = channel.send(message(callback_url=sink.url + "/cb/twilio/"))
        assert sink.wait_for_requests(1)
        [update] = channel.parse_callback(sink.django_request())
    assert (update.provider_id, update.status) == (result.provider_id, "delivered")
    assert fake.callback_errors == []

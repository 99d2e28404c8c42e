"""Property tests over every webhook: generated parameters, bodies and headers, forged and
correctly signed. Whatever arrives, the answer is never a 5xx, and a refusal writes nothing."""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns import dispatch, services
from campaigns.models import Notice, OptOut, Recipient
from tests.campaigns.conftest import campaign, esms_account, person, twilio_account, zalo_account
from tests.fakes.esms import CALLBACK_TOKEN, FakeEsms
from tests.fakes.twilio import AUTH_TOKEN, FakeTwilio, twilio_signature
from tests.fakes.zalo import FakeZalo, zalo_signed

pytestmark = pytest.mark.django_db
EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TRIED = {"count": 0}

text = st.text(max_size=40)
huge = st.one_of(
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.sampled_from(["", "0", "-1", "1e5000", "9" * 20, "9" * 5000, "NaN", "null"]),
    text,
)
params = st.dictionaries(
    st.sampled_from(
        [
            "SMSID",
            "RequestId",
            "SendStatus",
            "MessageSid",
            "MessageStatus",
            "ErrorCode",
            "From",
            "Body",
            "x",
        ]
    )
    | text,
    text | huge,
    max_size=6,
)


@pytest.fixture(scope="module")
def fakes():
    with FakeTwilio() as twilio, FakeZalo() as zalo, FakeEsms() as esms:
        yield twilio, zalo, esms


@pytest.fixture
def accounts(world, fakes):
    twilio_fake, zalo_fake, esms_fake = fakes
    twilio = twilio_account(world.a, twilio_fake)
    zalo = zalo_account(world.a, zalo_fake)
    esms = esms_account(world.a, esms_fake)
    person(world.a1, "Người Nhận")
    for account, options in (
        (twilio, {}),
        (zalo, {"template_id": "t", "template_data": "n = {ten}"}),
    ):
        built = campaign(world.a, account, world.comms, areas=[world.a1], channel_options=options)
        services.campaign_submit(campaign=built, by=world.comms)
        dispatch.run(account.pk)
    return {"twilio": twilio, "zalo": zalo, "esms": esms}


def snapshot():
    return (
        list(Recipient.objects.order_by("pk").values_list("status", "sent_at", "delivered_at")),
        list(OptOut.objects.values_list("phone", flat=True)),
        list(Notice.objects.values_list("status", flat=True)),
    )


def check(response, before):
    TRIED["count"] += 1
    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        assert snapshot() == before


@EXAMPLES
@given(
    slug=st.sampled_from(["twilio", "zalo", "esms", "khong-co"])
    | st.from_regex(r"[a-z-]{1,12}", fullmatch=True),
    inbound=st.booleans(),
    method=st.sampled_from(["GET", "POST", "PUT"]),
    form=params,
    signature=st.sampled_from(["", "mac=", "bm90LXNpZ25lZA=="]) | text,
    body=st.binary(max_size=200),
)
def test_forged_calls_are_refused_and_write_nothing(
    accounts, slug, inbound, method, form, signature, body
):
    client = Client()
    key = accounts.get(slug, accounts["twilio"]).key
    url = f"/webhooks/{slug}/{key}/" + ("tin-den/" if inbound else "")
    headers = {"X-Twilio-Signature": signature, "X-ZEvent-Signature": signature}
    before = snapshot()
    if method == "GET":
        response = client.get(url, form, headers=headers)
    elif method == "POST" and body:
        response = client.post(url, body, content_type="application/json", headers=headers)
    else:
        response = client.generic(method, url, json.dumps(form), headers=headers)
    check(response, before)
    if slug in ("twilio", "zalo") and signature in ("", "mac=", "bm90LXNpZ25lZA=="):
        assert response.status_code >= 400


@EXAMPLES
@given(
    status=st.sampled_from(["sent", "delivered", "read", "failed", "undelivered", "queued"]) | text,
    sid=st.sampled_from(["real"]) | text,
    error_code=huge,
    extra=params,
    tracking=text | st.uuids().map(lambda u: u.hex),
)
def test_signed_twilio_receipts_never_fail(accounts, status, sid, error_code, extra, tracking):
    account = accounts["twilio"]
    if sid == "real":
        sid = (
            Recipient.objects.filter(channel_account=account)
            .exclude(provider_id="")
            .first()
            .provider_id
        )
    form = {**extra, "MessageSid": sid, "MessageStatus": status, "ErrorCode": error_code}
    url = f"/webhooks/twilio/{account.key}/?tracking_id={tracking}"
    signature = twilio_signature(AUTH_TOKEN, "http://testserver" + url, form)
    before = snapshot()
    check(Client().post(url, form, headers={"X-Twilio-Signature": signature}), before)


@EXAMPLES
@given(
    event=st.sampled_from(["user_received_message", "user_seen_message", "follow"]) | text,
    timestamp=huge | st.integers(min_value=10**19, max_value=10**20 - 1).map(str),
    msg_id=st.none() | text | st.integers(),
    message=st.sampled_from(["dict", "list", "text"]),
    tracking=text,
)
def test_signed_zalo_events_never_fail(accounts, event, timestamp, msg_id, message, tracking):
    inner = {"msg_id": msg_id, "tracking_id": tracking, "delivery_time": timestamp}
    payload = {
        "event_name": event,
        "timestamp": timestamp,
        "message": {"dict": inner, "list": [inner], "text": str(inner)}[message],
    }
    raw, headers = zalo_signed(payload)
    headers.pop("Content-Type")
    before = snapshot()
    response = Client().post(
        f"/webhooks/zalo/{accounts['zalo'].key}/",
        raw,
        content_type="application/json",
        headers=headers,
    )
    check(response, before)


def test_a_signed_zalo_event_with_a_twenty_digit_timestamp_is_a_400(accounts):
    row = Recipient.objects.filter(channel_account=accounts["zalo"]).exclude(provider_id="").first()
    stamp = "9" * 20
    payload = {
        "event_name": "user_received_message",
        "timestamp": stamp,
        "message": {"msg_id": row.provider_id, "tracking_id": row.uid.hex, "delivery_time": stamp},
    }
    raw, headers = zalo_signed(payload)
    headers.pop("Content-Type")
    before = snapshot()
    response = Client().post(
        f"/webhooks/zalo/{accounts['zalo'].key}/",
        raw,
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400 and "không hợp lệ" in response.content.decode()
    assert snapshot() == before


@EXAMPLES
@given(
    sms_id=huge, request_id=text | st.uuids().map(lambda u: u.hex), send_status=huge, extra=params
)
def test_esms_reports_with_the_token_never_fail(accounts, sms_id, request_id, send_status, extra):
    query = {**extra, "SMSID": sms_id, "RequestId": request_id, "SendStatus": send_status}
    query["token"] = CALLBACK_TOKEN
    before = snapshot()
    check(Client().get(f"/webhooks/esms/{accounts['esms'].key}/", query), before)


@EXAMPLES
@given(body=text | st.sampled_from(["HUY", "Từ chối", "DONG Y", "STOP"]), sender=huge | text)
def test_signed_replies_never_fail(accounts, body, sender):
    account = accounts["twilio"]
    url = f"/webhooks/twilio/{account.key}/tin-den/"
    form = {"From": sender, "Body": body, "MessageSid": "SMin"}
    signature = twilio_signature(AUTH_TOKEN, "http://testserver" + url, form)
    before = snapshot()
    check(Client().post(url, form, headers={"X-Twilio-Signature": signature}), before)


def test_report_how_many_inputs_were_tried():
    print(f"webhook property inputs tried: {TRIED['count']}")

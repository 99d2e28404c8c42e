import logging
import unicodedata
from decimal import Decimal

import pytest

from campaigns.channels import (
    CHANNEL_CLASSES,
    ChannelConfigError,
    DeliveryStatus,
    OutboundMessage,
    Outcome,
    channel_choices,
    estimate_cost,
    get_channel,
    sms_segments,
    to_provider_phone,
)
from campaigns.channels.base import add_query_param, normalise_text
from campaigns.channels.registry import channel_class
from tests.campaigns import conftest_channels  # noqa: F401 - Django settings

VIETNAMESE_71 = "Phường thông báo: đăng ký định danh điện tử mức 2 tại bộ phận một cửa ạ"


def test_outcomes_and_statuses_have_vietnamese_labels():
    assert [value for value, _label in Outcome.choices()] == [
        "accepted",
        "transient_error",
        "permanent_error",
        "opted_out",
        "no_account",
        "quota_exceeded",
    ]
    assert Outcome("opted_out") is Outcome.OPTED_OUT
    assert Outcome.ACCEPTED == "accepted"
    assert str(Outcome.QUOTA_EXCEEDED.label).startswith("Hết hạn mức")
    assert {value for value, _label in DeliveryStatus.choices()} == {
        "sent",
        "delivered",
        "read",
        "failed",
        "undelivered",
    }
    assert str(DeliveryStatus.READ.label) == "Người nhận đã xem"


def test_to_provider_phone():
    assert to_provider_phone("+84912345678") == "84912345678"
    for bad in ("0912345678", "+84 912 345 678", "", "+"):
        with pytest.raises(ValueError):
            to_provider_phone(bad)


def test_vietnamese_71_chars_is_two_ucs2_segments():
    assert len(VIETNAMESE_71) == 71
    assert sms_segments(VIETNAMESE_71) == ("UCS-2", 2)
    assert sms_segments(VIETNAMESE_71[:70]) == ("UCS-2", 1)
    assert sms_segments("đ" * 134) == ("UCS-2", 2)
    assert sms_segments("đ" * 135) == ("UCS-2", 3)


def test_decomposed_vietnamese_counts_as_composed():
    decomposed = unicodedata.normalize("NFD", VIETNAMESE_71)
    assert len(decomposed) > 71
    assert sms_segments(decomposed) == ("UCS-2", 2)
    assert normalise_text(decomposed) == VIETNAMESE_71


def test_ascii_segments():
    assert sms_segments("a" * 160) == ("GSM-7", 1)
    assert sms_segments("a" * 161) == ("GSM-7", 2)
    assert sms_segments("a" * 306) == ("GSM-7", 2)
    assert sms_segments("a" * 307) == ("GSM-7", 3)
    assert sms_segments("") == ("GSM-7", 0)
    # Without diacritics Vietnamese stays GSM-7.
    assert sms_segments("Phuong thong bao: dang ky dinh danh muc 2")[0] == "GSM-7"


def test_gsm_extension_characters_count_twice_and_emoji_forces_ucs2():
    assert sms_segments("€" * 80) == ("GSM-7", 1)
    assert sms_segments("€" * 81) == ("GSM-7", 2)
    # An emoji is two UTF-16 units.
    assert sms_segments("🙂" * 35) == ("UCS-2", 1)
    assert sms_segments("🙂" * 36) == ("UCS-2", 2)


def test_estimate_cost():
    assert estimate_cost(VIETNAMESE_71, 1000, 450) == Decimal("900000")
    assert estimate_cost("a" * 100, 3, "0.0079") == Decimal("0.0237")
    assert estimate_cost("", 10, 450) == 0


def test_add_query_param_replaces_existing_value():
    url = add_query_param("https://x.vn/cb/?a=1&token=old", "token", "new")
    assert url == "https://x.vn/cb/?a=1&token=new"
    assert add_query_param("https://x.vn/cb/", "token", "t") == "https://x.vn/cb/?token=t"


def test_registry_knows_every_channel():
    assert set(CHANNEL_CLASSES) == {"console", "twilio_sms", "zalo_zns", "esms"}
    labels = dict(channel_choices())
    assert str(labels["zalo_zns"]) == "Zalo ZNS"
    with pytest.raises(KeyError):
        get_channel("carrier_pigeon", {})


@pytest.mark.parametrize(
    ("key", "missing"),
    [
        ("twilio_sms", {"account_sid", "auth_token"}),
        ("zalo_zns", {"app_id", "app_secret", "oa_secret_key", "access_token", "refresh_token"}),
        ("esms", {"api_key", "secret_key", "brandname", "callback_token"}),
    ],
)
def test_missing_credentials_are_refused(key, missing):
    with pytest.raises(ChannelConfigError) as error:
        get_channel(key, {})
    assert set(error.value.fields) == missing


def test_twilio_needs_a_sender():
    with pytest.raises(ChannelConfigError):
        get_channel("twilio_sms", {"account_sid": "AC1", "auth_token": "t"})


def test_config_fields_mark_secrets():
    secrets = {
        key: {f.name for f in channel_class(key).config_fields if f.secret}
        for key in CHANNEL_CLASSES
    }
    assert secrets["twilio_sms"] == {"auth_token"}
    assert secrets["esms"] == {"secret_key", "callback_token"}
    assert "access_token" in secrets["zalo_zns"]


def test_console_channel_accepts_with_fresh_ids():
    channel = get_channel("console")
    message = OutboundMessage(message_id="m1", phone_e164="+84912345678", body="Xin chào")
    first, second = channel.send(message), channel.send(message)
    assert first.outcome == Outcome.ACCEPTED and first.accepted
    assert first.provider_id.startswith("console-")
    assert first.provider_id != second.provider_id
    assert channel.parse_callback(None) == []


def test_logs_name_the_message_never_the_phone_or_secrets(caplog):
    from tests.fakes.esms import FakeEsms
    from tests.fakes.twilio import FakeTwilio
    from tests.fakes.zalo import FakeZalo

    phone = "+84912000777"
    caplog.set_level(logging.DEBUG)
    secrets = set()
    for key, fake_class in (("twilio_sms", FakeTwilio), ("zalo_zns", FakeZalo), ("esms", FakeEsms)):
        with fake_class() as fake:
            config = fake.channel_config()
            secrets |= {str(config[f.name]) for f in channel_class(key).config_fields if f.secret}
            with get_channel(key, config) as channel:
                ok = channel.send(OutboundMessage("msg-log-1", phone, "Xin chào", callback_url=""))
                fake.errors[phone] = {"twilio_sms": 21211, "zalo_zns": -108, "esms": 108}[key]
                refused = channel.send(OutboundMessage("msg-log-2", phone, "Xin chào"))
            assert ok.accepted and not refused.accepted
    text = caplog.text
    assert "msg-log-1" in text and "msg-log-2" in text
    assert "912000777" not in text
    for secret in secrets:
        assert secret not in text

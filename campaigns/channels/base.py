"""The small interface every messaging channel implements, and the helpers they share.

A channel turns an `OutboundMessage` into one provider call and answers a `ProviderResult` whose
`Outcome` tells the campaigns app what to do next; it also turns a provider's delivery callback
into `DeliveryUpdate`s, refusing (`ForgedCallback`) any callback whose signature or token is wrong.
Nothing here touches the database: the campaigns app owns the outbox, retries and suppression.
"""

from __future__ import annotations

import functools
import math
import ssl
import unicodedata
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from collections.abc import Mapping

    from django.http import HttpRequest


@dataclass(frozen=True)
class OutboundMessage:
    """One message to one recipient. `message_id` is ours and doubles as the provider's
    idempotency / tracking key (Zalo `tracking_id`, eSMS `RequestId`)."""

    message_id: str
    phone_e164: str
    body: str
    template_id: str = ""
    template_data: dict = field(default_factory=dict)
    callback_url: str = ""


class Outcome(StrEnum):
    """What the caller does with a send attempt."""

    # The provider took the message; delivery is reported later by callback.
    ACCEPTED = "accepted"
    # Network trouble, timeout, rate limit, provider outage: retry later with backoff.
    TRANSIENT_ERROR = "transient_error"
    # This message will never go through as it is (bad number, bad template, bad credentials).
    PERMANENT_ERROR = "permanent_error"
    # The recipient opted out at the provider (Twilio 21610): add to the suppression list.
    OPTED_OUT = "opted_out"
    # No account on this channel for the number (Zalo -118): fall back to SMS when allowed.
    NO_ACCOUNT = "no_account"
    # Daily quota or prepaid balance exhausted: stop this channel for today.
    QUOTA_EXCEEDED = "quota_exceeded"

    @property
    def label(self):
        return OUTCOME_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, Any]]:
        return [(member.value, member.label) for member in cls]


OUTCOME_LABELS = {
    Outcome.ACCEPTED: _("Nhà cung cấp đã nhận"),
    Outcome.TRANSIENT_ERROR: _("Lỗi tạm thời, sẽ thử lại"),
    Outcome.PERMANENT_ERROR: _("Lỗi không gửi được"),
    Outcome.OPTED_OUT: _("Người nhận đã từ chối nhận tin"),
    Outcome.NO_ACCOUNT: _("Số điện thoại chưa có tài khoản trên kênh này"),
    Outcome.QUOTA_EXCEEDED: _("Hết hạn mức gửi hoặc hết số dư"),
}


class DeliveryStatus(StrEnum):
    """Delivery states normalised across providers (callbacks may arrive out of order: never
    move a message backwards, e.g. from delivered to sent)."""

    # Handed on by the provider towards the carrier / app, no receipt yet.
    SENT = "sent"
    # The handset or app confirmed receipt.
    DELIVERED = "delivered"
    # The recipient opened it (Zalo only).
    READ = "read"
    # The provider gave up or rejected it.
    FAILED = "failed"
    # The carrier could not deliver it (Twilio `undelivered`).
    UNDELIVERED = "undelivered"

    @property
    def label(self):
        return DELIVERY_STATUS_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, Any]]:
        return [(member.value, member.label) for member in cls]


DELIVERY_STATUS_LABELS = {
    DeliveryStatus.SENT: _("Đã gửi đi"),
    DeliveryStatus.DELIVERED: _("Đã đến máy người nhận"),
    DeliveryStatus.READ: _("Người nhận đã xem"),
    DeliveryStatus.FAILED: _("Gửi thất bại"),
    DeliveryStatus.UNDELIVERED: _("Không đến được người nhận"),
}


@dataclass
class ProviderResult:
    outcome: Outcome
    provider_id: str = ""
    error_code: str = ""
    error_message: str = ""
    remaining_quota: int | None = None

    @property
    def accepted(self) -> bool:
        return self.outcome == Outcome.ACCEPTED


@dataclass
class DeliveryUpdate:
    provider_id: str
    tracking_id: str
    status: DeliveryStatus
    error_code: str
    occurred_at: datetime
    # The provider's id of the person the message reached, when the receipt names one (a Zalo
    # user id): their replies carry it instead of a phone.
    recipient_ref: str = ""


class ForgedCallback(Exception):
    """The callback's signature or token is missing or wrong: the view answers 403."""


class MalformedCallback(ValueError):
    """A callback that passed its check but carries values no real event has (a timestamp past
    the year 9999, a body that is not an object): the view answers 400 and writes nothing."""


class CrashRecovery:
    RESEND = "resend"
    LOOKUP = "lookup"
    HOLD = "hold"


class ChannelConfigError(ValueError):
    """A channel was built with missing or inconsistent settings."""

    def __init__(self, channel_key: str, fields: list[str]):
        self.channel_key = channel_key
        self.fields = fields
        super().__init__(f"{channel_key}: {', '.join(fields)}")


@dataclass(frozen=True)
class ConfigField:
    """One setting a channel needs, for the admin form that stores the channel's credentials
    (`config_fields`) or for the campaign form that stores what a message needs on it
    (`message_fields`)."""

    name: str
    label: Any
    secret: bool = False
    required: bool = True
    help_text: Any = ""
    multiline: bool = False


@dataclass(frozen=True)
class InboundMessage:
    """A resident's reply, as the provider reported it. `phone` is as received (not yet E.164);
    `sender` is the provider's id of the person when no number comes with it (Zalo user id)."""

    phone: str
    text: str
    provider_id: str = ""
    sender: str = ""


# The keys of a template channel's `message_fields` that every template channel shares.
TEMPLATE_ID = "template_id"
TEMPLATE_DATA = "template_data"


class Channel(ABC):
    key: ClassVar[str]
    label: ClassVar[Any]
    # Longest body the channel sends; 0 means it sends no free text (template channels).
    max_body_chars: ClassVar[int]
    config_fields: ClassVar[tuple[ConfigField, ...]] = ()
    # True when the message is a provider-approved template filled from `template_data`.
    uses_templates: ClassVar[bool] = False
    # What to do with a message whose send a crash interrupted (claimed, outcome unknown):
    #   RESEND: sending again cannot duplicate it (the provider dedups by our id, or nothing
    #           left the process); LOOKUP: ask the provider with `find_sent()`; HOLD: keep it
    #           for a person to decide, since a blind re-send may reach the resident twice.
    crash_recovery: ClassVar[str] = "hold"
    # True for SMS channels (a fallback for "no account" on a template channel).
    is_sms: ClassVar[bool] = True
    # True when acceptance is delivery (the console outbox is the handset).
    delivers_on_accept: ClassVar[bool] = False
    # What a campaign stores for a message on this channel (template channels: TEMPLATE_ID,
    # TEMPLATE_DATA); the campaign form shows these fields only when this channel is chosen.
    message_fields: ClassVar[tuple[ConfigField, ...]] = ()
    # The URL segment of this channel's webhooks, /webhooks/<slug>/<account key>/ ("" for none),
    # and the HTTP methods the provider calls it with.
    webhook_slug: ClassVar[str] = ""
    callback_methods: ClassVar[tuple[str, ...]] = ("POST",)
    # True when the channel also hears residents' replies (/webhooks/<slug>/<key>/tin-den/).
    receives_replies: ClassVar[bool] = False
    # True when the provider sends replies to the one webhook URL it also sends receipts to
    # (Zalo has a single webhook per app): the receipts view stores them too.
    replies_on_receipt_url: ClassVar[bool] = False
    # Error codes about the account or the template, not about one recipient: sending pauses
    # for staff to fix the channel instead of failing every message.
    account_error_codes: ClassVar[frozenset[str]] = frozenset()
    # Error codes (in send replies or in receipts) that mean the number cannot receive here.
    invalid_number_codes: ClassVar[frozenset[str]] = frozenset()
    # Error codes that mean "slow down": the sender holds for a moment.
    rate_limit_codes: ClassVar[frozenset[str]] = frozenset({"http_429"})
    # True when the access token expires and is refreshed (`refresh_access_token`); the app then
    # passes `token_lock`, `load_tokens` and `on_tokens_refreshed` in the config.
    refreshes_tokens: ClassVar[bool] = False

    def __init__(self, config: Mapping[str, Any] | None = None):
        self.config = dict(config or {})
        missing = [f.name for f in self.config_fields if f.required and not self.config.get(f.name)]
        if missing:
            raise ChannelConfigError(self.key, missing)

    @abstractmethod
    def send(self, message: OutboundMessage) -> ProviderResult: ...

    @abstractmethod
    def parse_callback(self, request: HttpRequest) -> list[DeliveryUpdate]: ...

    def callback_url(self, webhook_url: str, message_id: str) -> str:
        """The receipt URL to send with one message ("" when the provider is set up once, in its
        own console). `webhook_url` is this account's /webhooks/<slug>/<key>/ as a full URL."""
        return ""

    @classmethod
    def setup_urls(cls, webhook_url: str) -> list[tuple[Any, str]]:
        """(label, URL) pairs staff paste into the provider's console."""
        return [(_("Webhook"), webhook_url)] if cls.webhook_slug else []

    def parse_inbound(self, request: HttpRequest) -> list[InboundMessage]:
        """Residents' replies in a provider's inbound call; raise ForgedCallback when unsigned."""
        raise ForgedCallback("this channel takes no replies")

    def inbound_reply(self) -> tuple[str, str]:
        """(body, content type) the provider expects in answer to an inbound call."""
        return "OK", "text/plain"

    def find_sent(self, message: OutboundMessage, since: datetime) -> str | None:
        """The provider id of `message` if the provider already has it (created after `since`),
        else None. Only channels whose `crash_recovery` is LOOKUP implement it; raise
        ConnectionError when the provider cannot be asked right now."""
        raise NotImplementedError

    def close(self) -> None:  # noqa: B027 - optional hook, nothing to release by default
        """Release HTTP connections."""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


# --- helpers ---------------------------------------------------------------------------------


def to_provider_phone(phone_e164: str) -> str:
    """Return "84912345678" for "+84912345678": the form Zalo and eSMS expect."""
    if not phone_e164.startswith("+") or not phone_e164[1:].isdigit():
        raise ValueError("phone must be E.164, e.g. +84912345678")
    return phone_e164[1:]


def normalise_text(text: str) -> str:
    """NFC form: Vietnamese typed with combining accents (NFD) would cost more segments."""
    return unicodedata.normalize("NFC", text)


@functools.cache
def shared_ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every httpx client: building one loads the CA bundle
    (~0.2 s), too slow to repeat for each channel instance."""
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def utc_now() -> datetime:
    return datetime.now(UTC)


def add_query_param(url: str, name: str, value: str) -> str:
    """Return `url` with `name=value` set in its query string (replacing an existing value)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    query.append((name, value))
    return urlunsplit(parts._replace(query=urlencode(query)))


GSM_7 = "GSM-7"
UCS_2 = "UCS-2"

_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Characters of the GSM 03.38 extension table cost two septets (escape + character).
_GSM_EXTENDED = set("^{}\\[~]|€\f")


def sms_segments(text: str) -> tuple[str, int]:
    """Encoding and number of SMS segments for `text`.

    GSM-7: 160 septets in one segment, 153 per segment when concatenated. Anything outside the
    GSM alphabet (Vietnamese with diacritics, emoji) forces UCS-2: 70 UTF-16 units, 67 when
    concatenated. An empty text is 0 segments. Counted on the NFC form, which channels send.
    """
    text = normalise_text(text)
    if all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in text):
        units = sum(2 if ch in _GSM_EXTENDED else 1 for ch in text)
        single, multi, encoding = 160, 153, GSM_7
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, UCS_2
    if units == 0:
        return encoding, 0
    if units <= single:
        return encoding, 1
    return encoding, math.ceil(units / multi)


def estimate_cost(text: str, count: int, price_per_segment) -> Decimal:
    """Cost of sending `text` to `count` recipients at `price_per_segment` (any numeric or str)."""
    _encoding, segments = sms_segments(text)
    return Decimal(str(price_per_segment)) * segments * count

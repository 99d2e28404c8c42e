"""SMS through Twilio Programmable Messaging, with the official `twilio` SDK.

`api_base` points the SDK at another host (a loopback fake in tests, a staging fake); the real API
is used when it is empty. `public_base_url` is the scheme + host Twilio calls us on, needed to
rebuild the exact URL Twilio signed when we sit behind a proxy.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from django.utils.translation import gettext_lazy as _
from requests.adapters import HTTPAdapter
from twilio.base.exceptions import TwilioException, TwilioRestException, TwilioServiceException
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from .base import (
    Channel,
    ChannelConfigError,
    ConfigField,
    CrashRecovery,
    DeliveryStatus,
    DeliveryUpdate,
    ForgedCallback,
    InboundMessage,
    OutboundMessage,
    Outcome,
    ProviderResult,
    add_query_param,
    normalise_text,
    utc_now,
)

logger = logging.getLogger(__name__)

# The SDK logs every request line at INFO; keep that out of the logs at 100 messages a second.
_sdk_logger = logging.getLogger("campaigns.channels.twilio_sdk")
_sdk_logger.setLevel(logging.WARNING)

TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
DEFAULT_TIMEOUT = 10.0  # seconds, connect and read

# Clock difference tolerated between our claim time and Twilio's date_created.
LOOKUP_SKEW = timedelta(minutes=2)
LOOKUP_PAGE = 50

PERMANENT_CODES = frozenset({21211, 21408, 21612, 21614})
OPTED_OUT_CODES = frozenset({21610})
TRANSIENT_CODES = frozenset({20429, 14107, 63018, 21611})

# MessageStatus → normalised status. queued / accepted / scheduled / sending tell nothing new
# after an accepted send and are ignored.
STATUS_MAP = {
    "sent": DeliveryStatus.SENT,
    "delivered": DeliveryStatus.DELIVERED,
    "read": DeliveryStatus.READ,
    "undelivered": DeliveryStatus.UNDELIVERED,
    "failed": DeliveryStatus.FAILED,
    "canceled": DeliveryStatus.FAILED,
}


class LoopbackHttpClient(TwilioHttpClient):
    """A TwilioHttpClient that sends every request to `base_url` (scheme, host, port and an
    optional path prefix) instead of `*.twilio.com`, keeping the path and query."""

    def __init__(self, base_url: str, timeout: float = DEFAULT_TIMEOUT, **kwargs):
        kwargs.setdefault("logger", _sdk_logger)
        super().__init__(timeout=timeout, **kwargs)
        parts = urlsplit(base_url)
        if not parts.scheme or not parts.netloc:
            raise ValueError("base_url needs a scheme and a host, e.g. http://127.0.0.1:8025")
        self.base_scheme = parts.scheme
        self.base_netloc = parts.netloc
        self.base_path = parts.path.rstrip("/")
        if self.session is not None:
            # The parent only sizes the pool for https://.
            self.session.mount("http://", HTTPAdapter(pool_maxsize=32))

    def rewrite(self, url: str) -> str:
        parts = urlsplit(url)
        return urlunsplit(
            (self.base_scheme, self.base_netloc, self.base_path + parts.path, parts.query, "")
        )

    def request(
        self,
        method,
        url,
        params=None,
        data=None,
        headers=None,
        auth=None,
        timeout=None,
        allow_redirects=False,
    ):
        return super().request(
            method,
            self.rewrite(url),
            params=params,
            data=data,
            headers=headers,
            auth=auth,
            timeout=timeout,
            allow_redirects=allow_redirects,
        )


def outcome_for_error(status: int | None, code: int | None) -> Outcome:
    """Map an API error (HTTP status, Twilio error code) to what the caller should do."""
    if code in OPTED_OUT_CODES:
        return Outcome.OPTED_OUT
    if code in TRANSIENT_CODES or status == 429 or (status or 0) >= 500:
        return Outcome.TRANSIENT_ERROR
    return Outcome.PERMANENT_ERROR


class TwilioSmsChannel(Channel):
    key = "twilio_sms"
    label = _("SMS qua Twilio")
    max_body_chars = 1600
    # No idempotency key: after a crash ask Twilio whether the message exists (find_sent).
    crash_recovery = CrashRecovery.LOOKUP
    webhook_slug = "twilio"
    receives_replies = True
    # 20003 authentication · 21606 / 21603 the sender number cannot send.
    account_error_codes = frozenset({"20003", "21606", "21603"})
    # 21211 invalid To · 21614 not a mobile · 21612 not reachable · 21408 region not enabled ·
    # 30005 unknown handset · 30006 landline or unreachable carrier (in status callbacks).
    invalid_number_codes = frozenset({"21211", "21614", "21612", "21408", "30005", "30006"})
    rate_limit_codes = frozenset({"http_429", "20429", "14107", "63018"})
    config_fields = (
        ConfigField("account_sid", _("Account SID")),
        ConfigField("auth_token", _("Auth token"), secret=True),
        ConfigField(
            "from_number",
            _("Số gửi"),
            required=False,
            help_text=_("Số điện thoại gửi tin (E.164). Bỏ trống nếu dùng Messaging Service."),
        ),
        ConfigField("messaging_service_sid", _("Messaging Service SID"), required=False),
        ConfigField(
            "api_base",
            _("Địa chỉ API"),
            required=False,
            help_text=_("Chỉ dùng cho máy chủ giả lập; để trống để gửi thật."),
        ),
        ConfigField(
            "public_base_url",
            _("Địa chỉ công khai của trang"),
            required=False,
            help_text=_("Ví dụ https://phuongso.vn — để kiểm tra chữ ký khi chạy sau proxy."),
        ),
    )

    def __init__(self, config=None):
        super().__init__(config)
        if not (self.config.get("from_number") or self.config.get("messaging_service_sid")):
            raise ChannelConfigError(self.key, ["from_number", "messaging_service_sid"])
        timeout = float(self.config.get("timeout") or DEFAULT_TIMEOUT)
        if self.config.get("api_base"):
            http_client = LoopbackHttpClient(self.config["api_base"], timeout=timeout)
        else:
            http_client = TwilioHttpClient(timeout=timeout, logger=_sdk_logger)
        self.http_client = http_client
        self.client = Client(
            self.config["account_sid"], self.config["auth_token"], http_client=http_client
        )
        self.validator = RequestValidator(self.config["auth_token"])

    def send(self, message: OutboundMessage) -> ProviderResult:
        params = {"to": message.phone_e164, "body": normalise_text(message.body)}
        if self.config.get("messaging_service_sid"):
            params["messaging_service_sid"] = self.config["messaging_service_sid"]
        else:
            params["from_"] = self.config["from_number"]
        if message.callback_url:
            params["status_callback"] = message.callback_url
        try:
            created = self.client.messages.create(**params)
        except (TwilioRestException, TwilioServiceException) as exc:
            outcome = outcome_for_error(exc.status, exc.code)
            logger.warning(
                "twilio refused message %s: status=%s code=%s -> %s",
                message.message_id,
                exc.status,
                exc.code,
                outcome,
            )
            detail = getattr(exc, "msg", "") or getattr(exc, "detail", "") or ""
            return ProviderResult(outcome, error_code=str(exc.code or ""), error_message=detail)
        except (requests.RequestException, TwilioException) as exc:
            logger.warning("twilio unreachable for message %s: %s", message.message_id, type(exc))
            return ProviderResult(
                Outcome.TRANSIENT_ERROR,
                error_code="network",
                error_message=str(_("Không kết nối được tới Twilio: %(error)s"))
                % {"error": type(exc).__name__},
            )
        logger.debug("twilio accepted message %s as %s", message.message_id, created.sid)
        return ProviderResult(Outcome.ACCEPTED, provider_id=created.sid or "")

    def find_sent(self, message: OutboundMessage, since: datetime) -> str | None:
        """The sid of a message to the same number with the same body created after `since`.

        Lists by `To` only (no date filter: a message still queued at Twilio has no date_sent)
        and compares date_created and body here.
        """
        body = normalise_text(message.body)
        try:
            found = self.client.messages.list(to=message.phone_e164, limit=LOOKUP_PAGE)
        except (TwilioRestException, TwilioServiceException, TwilioException) as exc:
            raise ConnectionError(f"twilio lookup failed: {type(exc).__name__}") from exc
        except requests.RequestException as exc:
            raise ConnectionError(f"twilio unreachable: {type(exc).__name__}") from exc
        for sent in found:
            created = sent.date_created
            if created is not None and created < since - LOOKUP_SKEW:
                continue
            if normalise_text(sent.body or "") == body:
                return sent.sid
        return None

    def callback_url(self, webhook_url: str, message_id: str) -> str:
        # Our id rides along, so a receipt settles a message whose sid was never recorded.
        return add_query_param(webhook_url, "tracking_id", message_id)

    @classmethod
    def setup_urls(cls, webhook_url: str) -> list[tuple[Any, str]]:
        return [
            (_("Báo trạng thái (tự gắn vào mỗi tin)"), webhook_url),
            (_("Tin nhắn đến (đặt ở số Twilio)"), webhook_url + "tin-den/"),
        ]

    def parse_inbound(self, request) -> list[InboundMessage]:
        signature = request.headers.get("X-Twilio-Signature", "")
        if request.method != "POST" or not signature:
            raise ForgedCallback("missing X-Twilio-Signature")
        if not self.validator.validate(self.public_url(request), request.POST, signature):
            raise ForgedCallback("bad X-Twilio-Signature")
        return [
            InboundMessage(
                phone=request.POST.get("From", ""),
                text=request.POST.get("Body", ""),
                provider_id=request.POST.get("MessageSid", ""),
            )
        ]

    def inbound_reply(self) -> tuple[str, str]:
        return TWIML_EMPTY, "text/xml"

    def public_url(self, request) -> str:
        """The URL Twilio called, as Twilio saw it (it signs this exact string)."""
        base = (self.config.get("public_base_url") or "").rstrip("/")
        if base:
            return base + request.get_full_path()
        return request.build_absolute_uri()

    def parse_callback(self, request) -> list[DeliveryUpdate]:
        signature = request.headers.get("X-Twilio-Signature", "")
        if request.method != "POST" or not signature:
            raise ForgedCallback("missing X-Twilio-Signature")
        # Every parameter received counts: Twilio adds new ones without notice.
        if not self.validator.validate(self.public_url(request), request.POST, signature):
            raise ForgedCallback("bad X-Twilio-Signature")
        status = STATUS_MAP.get(request.POST.get("MessageStatus", "").lower())
        sid = request.POST.get("MessageSid", "") or request.POST.get("SmsSid", "")
        if status is None or not sid:
            return []
        return [
            DeliveryUpdate(
                provider_id=sid,
                tracking_id=request.GET.get("tracking_id", ""),
                status=status,
                error_code=request.POST.get("ErrorCode", "") or "",
                occurred_at=utc_now(),
            )
        ]

    def close(self) -> None:
        session = getattr(self.http_client, "session", None)
        if session is not None:
            session.close()

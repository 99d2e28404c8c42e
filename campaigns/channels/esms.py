"""Brandname SMS through eSMS.vn (ViHAT), over httpx.

`RequestId` is our message id, so a re-send after a crash is refused by eSMS as a duplicate (124)
instead of reaching the resident twice; that reply counts as accepted. eSMS callbacks carry no
signature: the callback URL gets this channel's secret `token`, checked on arrival.
"""

from __future__ import annotations

import hmac
import logging
import re
from typing import Any

import httpx
from django.utils.translation import gettext_lazy as _

from .base import (
    UCS_2,
    Channel,
    ConfigField,
    CrashRecovery,
    DeliveryStatus,
    DeliveryUpdate,
    ForgedCallback,
    OutboundMessage,
    Outcome,
    ProviderResult,
    add_query_param,
    normalise_text,
    shared_ssl_context,
    sms_segments,
    to_provider_phone,
    utc_now,
)

logger = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://rest.esms.vn"
SEND_PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/"
DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)
CALLBACK_TOKEN_PARAM = "token"

ACCEPTED_CODES = frozenset({"100"})
DUPLICATE_REQUEST = "124"
QUOTA_CODES = frozenset({"103"})
# 101 ApiKey/SecretKey · 102 no price list · 104 brandname · 108 phone · 120 too many numbers ·
# 140 IP not allowed · 146 wrong customer-care template · 177 carrier not registered.
PERMANENT_CODES = frozenset({"101", "102", "104", "108", "120", "140", "146", "177"})

SEND_STATUS = {"5": DeliveryStatus.DELIVERED, "4": DeliveryStatus.FAILED}


def outcome_for_code(code: str) -> Outcome:
    if code in ACCEPTED_CODES or code == DUPLICATE_REQUEST:
        return Outcome.ACCEPTED
    if code in QUOTA_CODES:
        return Outcome.QUOTA_EXCEEDED
    if code in PERMANENT_CODES:
        return Outcome.PERMANENT_ERROR
    # Unknown codes: retrying is safe because RequestId de-duplicates.
    return Outcome.TRANSIENT_ERROR


def _flag(value) -> str:
    if isinstance(value, str):
        return "1" if value.strip().lower() in {"1", "true", "yes", "on"} else "0"
    return "1" if value else "0"


class EsmsChannel(Channel):
    key = "esms"
    label = _("SMS thương hiệu qua eSMS")
    # [S] three concatenated GSM-7 segments; Vietnamese with diacritics counts as UCS-2.
    max_body_chars = 459
    # RequestId is our message id: eSMS answers 124 to a second copy instead of sending it.
    crash_recovery = CrashRecovery.RESEND
    webhook_slug = "esms"
    callback_methods = ("GET",)
    # 101 ApiKey/SecretKey · 102 no price list · 104 brandname · 140 IP not allowed ·
    # 146 customer-care template · 177 carrier not registered for the brandname.
    account_error_codes = frozenset({"101", "102", "104", "140", "146", "177"})
    invalid_number_codes = frozenset({"108"})
    config_fields = (
        ConfigField("api_key", _("ApiKey")),
        ConfigField("secret_key", _("SecretKey"), secret=True),
        ConfigField("brandname", _("Tên thương hiệu (brandname)")),
        ConfigField(
            "callback_token",
            _("Mã bí mật trong địa chỉ nhận báo cáo"),
            secret=True,
            help_text=_("Chuỗi ngẫu nhiên dài; eSMS gửi lại trong địa chỉ báo cáo trạng thái."),
        ),
        ConfigField(
            "sms_type",
            _("Loại tin"),
            required=False,
            help_text=_("2 = chăm sóc khách hàng (mặc định), 1 = quảng cáo."),
        ),
        ConfigField("sandbox", _("Chế độ thử (không gửi thật)"), required=False),
        ConfigField("api_base", _("Địa chỉ API"), required=False),
    )

    def __init__(self, config=None):
        super().__init__(config)
        self.api_base = (self.config.get("api_base") or DEFAULT_API_BASE).rstrip("/")
        self.http = httpx.Client(
            timeout=self.config.get("timeout") or DEFAULT_TIMEOUT, verify=shared_ssl_context()
        )

    def callback_url(self, webhook_url: str, message_id: str = "") -> str:
        """`webhook_url` with this channel's secret token added (eSMS signs nothing). The token
        is redacted from access logs (config.accesslog)."""
        return add_query_param(webhook_url, CALLBACK_TOKEN_PARAM, self.config["callback_token"])

    @classmethod
    def setup_urls(cls, webhook_url: str) -> list[tuple[Any, str]]:
        return [(_("Báo cáo gửi (tự gắn vào mỗi tin, kèm mã bí mật)"), webhook_url)]

    def send(self, message: OutboundMessage) -> ProviderResult:
        body = normalise_text(message.body)
        encoding, _segments = sms_segments(body)
        payload = {
            "ApiKey": self.config["api_key"],
            "SecretKey": self.config["secret_key"],
            "Phone": to_provider_phone(message.phone_e164),
            "Content": body,
            "Brandname": self.config["brandname"],
            "SmsType": str(self.config.get("sms_type") or "2"),
            "IsUnicode": "1" if encoding == UCS_2 else "0",
            "Sandbox": _flag(self.config.get("sandbox", False)),
            "RequestId": message.message_id,
        }
        if message.callback_url:
            payload["CallbackUrl"] = self.callback_url(message.callback_url)
        try:
            reply = self.http.post(self.api_base + SEND_PATH, json=payload)
        except httpx.HTTPError as exc:
            logger.warning("esms unreachable for message %s: %s", message.message_id, type(exc))
            return ProviderResult(
                Outcome.TRANSIENT_ERROR,
                error_code="timeout" if isinstance(exc, httpx.TimeoutException) else "network",
                error_message=str(_("Lỗi mạng: %(error)s")) % {"error": type(exc).__name__},
            )
        try:
            data = reply.json()
        except ValueError:
            data = None
        if reply.status_code >= 400 or not isinstance(data, dict):
            logger.warning("esms http %s for message %s", reply.status_code, message.message_id)
            outcome = Outcome.TRANSIENT_ERROR
            if 400 <= reply.status_code < 500 and reply.status_code != 429:
                outcome = Outcome.PERMANENT_ERROR
            return ProviderResult(outcome, error_code=f"http_{reply.status_code}")
        code = str(data.get("CodeResult", "")).strip()
        outcome = outcome_for_code(code)
        provider_id = str(data.get("SMSID") or "")
        if outcome == Outcome.ACCEPTED:
            logger.debug("esms accepted message %s (code %s)", message.message_id, code)
            return ProviderResult(
                outcome, provider_id=provider_id, error_code="" if code == "100" else code
            )
        logger.warning("esms refused message %s: %s -> %s", message.message_id, code, outcome)
        return ProviderResult(
            outcome,
            provider_id=provider_id,
            error_code=code,
            error_message=str(data.get("ErrorMessage") or ""),
        )

    def parse_callback(self, request) -> list[DeliveryUpdate]:
        given = request.GET.get(CALLBACK_TOKEN_PARAM, "")
        expected = self.config["callback_token"]
        if not given or not hmac.compare_digest(given.encode(), expected.encode()):
            raise ForgedCallback("bad callback token")
        # eSMS ids are short ASCII tokens; anything else (a NUL, 5,000 characters) matches nothing.
        sms_id = _provider_token(request.GET.get("SMSID", ""))
        request_id = _provider_token(request.GET.get("RequestId", ""))
        if not sms_id and not request_id:
            return []
        send_status = request.GET.get("SendStatus", "").strip()
        status = SEND_STATUS.get(send_status, DeliveryStatus.SENT)
        return [
            DeliveryUpdate(
                provider_id=sms_id,
                tracking_id=request_id,
                status=status,
                error_code=send_status if status == DeliveryStatus.FAILED else "",
                occurred_at=utc_now(),
            )
        ]

    def close(self) -> None:
        self.http.close()


PROVIDER_TOKEN = re.compile(r"[\w.:-]{1,64}", re.ASCII)


def _provider_token(value: str) -> str:
    return value if PROVIDER_TOKEN.fullmatch(value) else ""

"""Zalo Notification Service (template messages to a phone number), over httpx.

Tokens: the OA access token lasts ~25 h and the refresh token is single-use. When Zalo answers
-124 (invalid access token) the channel refreshes once and retries. The refresh runs under
`token_lock` (default: a lock per app_id in this process; pass a cross-process lock such as a
database row lock when several workers send for one OA). Inside the lock `load_tokens()` (if
given) is asked for the stored pair first, so a worker does not spend a refresh token another
worker already used. The new pair goes to `on_tokens_refreshed(access, refresh, expires_at)`,
which must store it before returning.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from django.utils.translation import gettext_lazy as _

from .base import (
    TEMPLATE_DATA,
    TEMPLATE_ID,
    Channel,
    ConfigField,
    DeliveryStatus,
    DeliveryUpdate,
    ForgedCallback,
    InboundMessage,
    MalformedCallback,
    OutboundMessage,
    Outcome,
    ProviderResult,
    shared_ssl_context,
    to_provider_phone,
    utc_now,
)

logger = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://business.openapi.zalo.me"
DEFAULT_OAUTH_BASE = "https://oauth.zaloapp.com"
SEND_PATH = "/message/template"
TOKEN_PATH = "/v4/oa/access_token"
DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)

TOKEN_INVALID = -124
NO_ACCOUNT_CODES = frozenset({-118})
PERMANENT_CODES = frozenset({-101, -102, -103, -104, -105, -108, -109, -111, -112})
TRANSIENT_CODES = frozenset({-100})
# [S] Daily-quota code as reported by integrators; a reply whose message mentions "quota" counts
# too. Correct here when the official table says otherwise.
QUOTA_CODES = frozenset({-144})

# [S] A user's text to the OA, as public integrations (Chatwoot's among them) read it:
# `sender.id` the Zalo user, `message.text`, `message.msg_id`. No phone number comes with it.
REPLY_EVENTS = frozenset({"user_send_text"})

EVENT_STATUS = {
    "user_received_message": DeliveryStatus.DELIVERED,
    "user_seen_message": DeliveryStatus.READ,
}

_process_locks: dict[str, threading.Lock] = {}
_process_locks_guard = threading.Lock()


def _process_lock(app_id: str) -> threading.Lock:
    with _process_locks_guard:
        return _process_locks.setdefault(app_id, threading.Lock())


def zalo_mac(app_id: str, raw_body: bytes | str, timestamp, oa_secret_key: str) -> str:
    """The webhook MAC: sha256 hex of app_id + raw body + timestamp + OA secret key.

    Zalo's documentation has variants of this formula; this is the only place that knows it.
    """
    if isinstance(raw_body, str):
        raw_body = raw_body.encode("utf-8")
    data = app_id.encode() + raw_body + str(timestamp).encode() + oa_secret_key.encode()
    return hashlib.sha256(data).hexdigest()


def outcome_for_error(code: int, message: str = "") -> Outcome:
    if code in NO_ACCOUNT_CODES:
        return Outcome.NO_ACCOUNT
    if code in QUOTA_CODES or "quota" in message.lower():
        return Outcome.QUOTA_EXCEEDED
    if code in TRANSIENT_CODES or code == TOKEN_INVALID:
        return Outcome.TRANSIENT_ERROR
    return Outcome.PERMANENT_ERROR


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _from_millis(value) -> datetime:
    """A Zalo millisecond timestamp; MalformedCallback when no calendar holds it."""
    millis = _int_or_none(value)
    if not millis:
        return utc_now()
    try:
        return datetime.fromtimestamp(millis / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise MalformedCallback("timestamp out of range") from None


class ZaloZnsChannel(Channel):
    key = "zalo_zns"
    label = _("Zalo ZNS")
    max_body_chars = 0
    uses_templates = True
    is_sms = False
    # [S] ZNS is not known to dedup on tracking_id and has no lookup by it: hold, never guess.
    crash_recovery = "hold"
    webhook_slug = "zalo"
    refreshes_tokens = True
    receives_replies = True
    replies_on_receipt_url = True
    # -101..-105 app, secret or OA link · -109 template · -111 / -112 template data.
    account_error_codes = frozenset(
        {"-101", "-102", "-103", "-104", "-105", "-109", "-111", "-112", "token_refresh_failed"}
    )
    invalid_number_codes = frozenset({"-108"})
    message_fields = (
        ConfigField(TEMPLATE_ID, _("Mã mẫu ZNS"), help_text=_("Mẫu tin đã được Zalo duyệt.")),
        ConfigField(
            TEMPLATE_DATA,
            _("Tham số mẫu ZNS"),
            multiline=True,
            help_text=_("Mỗi dòng một tham số: tên = giá trị, ví dụ: customer_name = {ho_ten}"),
        ),
    )

    @classmethod
    def setup_urls(cls, webhook_url: str) -> list[tuple[Any, str]]:
        return [(_("Webhook (đặt trong trang quản lý ứng dụng Zalo)"), webhook_url)]

    config_fields = (
        ConfigField("app_id", _("App ID")),
        ConfigField("app_secret", _("Khóa bí mật ứng dụng (app secret)"), secret=True),
        ConfigField("oa_secret_key", _("Khóa bí mật của OA (OA secret key)"), secret=True),
        ConfigField("access_token", _("Access token"), secret=True),
        ConfigField("refresh_token", _("Refresh token"), secret=True),
        ConfigField("api_base", _("Địa chỉ API gửi tin"), required=False),
        ConfigField("oauth_base", _("Địa chỉ API cấp token"), required=False),
    )

    def __init__(self, config=None):
        super().__init__(config)
        self.api_base = (self.config.get("api_base") or DEFAULT_API_BASE).rstrip("/")
        self.oauth_base = (self.config.get("oauth_base") or DEFAULT_OAUTH_BASE).rstrip("/")
        self.access_token: str = self.config["access_token"]
        self.refresh_token: str = self.config["refresh_token"]
        self.on_tokens_refreshed: Callable | None = self.config.get("on_tokens_refreshed")
        self.load_tokens: Callable | None = self.config.get("load_tokens")
        lock_factory = self.config.get("token_lock")
        self._lock_factory = lock_factory or (lambda: _process_lock(self.config["app_id"]))
        self.http = httpx.Client(
            timeout=self.config.get("timeout") or DEFAULT_TIMEOUT, verify=shared_ssl_context()
        )

    # --- sending ---------------------------------------------------------------------------

    def send(self, message: OutboundMessage) -> ProviderResult:
        token = self.access_token
        result = self._post_template(message, token)
        if result.error_code == str(TOKEN_INVALID):
            new_token = self._refresh_after(token)
            if new_token is None:
                return ProviderResult(
                    Outcome.TRANSIENT_ERROR,
                    error_code="token_refresh_failed",
                    error_message=str(_("Không làm mới được access token của Zalo OA.")),
                )
            result = self._post_template(message, new_token)
        return result

    def _post_template(self, message: OutboundMessage, token: str) -> ProviderResult:
        payload = {
            "phone": to_provider_phone(message.phone_e164),
            "template_id": message.template_id,
            "template_data": message.template_data,
            "tracking_id": message.message_id,
        }
        try:
            reply = self.http.post(
                self.api_base + SEND_PATH, json=payload, headers={"access_token": token}
            )
        except httpx.HTTPError as exc:
            logger.warning("zalo unreachable for message %s: %s", message.message_id, type(exc))
            return _network_error(exc)
        data = _json_or_none(reply)
        if reply.status_code == 429 or reply.status_code >= 500 or data is None:
            logger.warning("zalo http %s for message %s", reply.status_code, message.message_id)
            return ProviderResult(Outcome.TRANSIENT_ERROR, error_code=f"http_{reply.status_code}")
        code = _int_or_none(data.get("error"))
        detail = data.get("data") if isinstance(data.get("data"), dict) else {}
        quota = detail.get("quota") if isinstance(detail.get("quota"), dict) else {}
        remaining = _int_or_none(quota.get("remainingQuota"))
        if code == 0:
            logger.debug("zalo accepted message %s", message.message_id)
            return ProviderResult(
                Outcome.ACCEPTED,
                provider_id=str(detail.get("msg_id", "")),
                remaining_quota=remaining,
            )
        code = code if code is not None else -100
        text = str(data.get("message", ""))
        outcome = outcome_for_error(code, text)
        logger.warning("zalo refused message %s: %s -> %s", message.message_id, code, outcome)
        return ProviderResult(
            outcome, error_code=str(code), error_message=text, remaining_quota=remaining
        )

    # --- tokens ----------------------------------------------------------------------------

    def _token_lock(self):
        return self._lock_factory() or contextlib.nullcontext()

    def _refresh_after(self, failed_token: str) -> str | None:
        """Refresh once after `failed_token` was refused, unless someone already did."""
        with self._token_lock():
            self._reload_tokens()
            if self.access_token != failed_token:
                return self.access_token
            return self._refresh_locked()

    def refresh_access_token(self) -> str | None:
        """Refresh now (e.g. from a scheduled task before expiry). Returns the new access
        token, or None when Zalo refused or could not be reached."""
        with self._token_lock():
            self._reload_tokens()
            return self._refresh_locked()

    def _reload_tokens(self) -> None:
        """Take the stored pair when the caller keeps one (another worker may have refreshed)."""
        if self.load_tokens is None:
            return
        stored = self.load_tokens()
        if stored and stored[0] and stored[1]:
            self.access_token, self.refresh_token = stored[0], stored[1]

    def _refresh_locked(self) -> str | None:
        form = {
            "app_id": self.config["app_id"],
            "grant_type": "refresh_token",
            "refresh_token": self.refresh_token,
        }
        try:
            reply = self.http.post(
                self.oauth_base + TOKEN_PATH,
                data=form,
                headers={"secret_key": self.config["app_secret"]},
            )
        except httpx.HTTPError as exc:
            logger.warning("zalo token refresh unreachable: %s", type(exc))
            return None
        data = _json_or_none(reply) or {}
        access, refresh = data.get("access_token"), data.get("refresh_token")
        if reply.status_code != 200 or not access or not refresh:
            logger.error(
                "zalo token refresh refused: http %s error %s",
                reply.status_code,
                data.get("error"),
            )
            return None
        seconds = _int_or_none(data.get("expires_in")) or 90000
        expires_at = utc_now() + timedelta(seconds=seconds)
        self.access_token, self.refresh_token = access, refresh
        logger.info("zalo access token refreshed for app %s", self.config["app_id"])
        if self.on_tokens_refreshed is not None:
            try:
                self.on_tokens_refreshed(access, refresh, expires_at)
            except Exception:
                # The old refresh token is spent: keep sending with the new pair in memory.
                logger.exception("storing the refreshed zalo tokens failed")
        return access

    # --- callbacks -------------------------------------------------------------------------

    def verify_signature(self, header: str, raw_body: bytes, timestamp) -> bool:
        given = header.strip()
        if given.lower().startswith("mac="):
            given = given[4:].strip()
        if not given:
            return False
        expected = zalo_mac(
            self.config["app_id"], raw_body, timestamp, self.config["oa_secret_key"]
        )
        return hmac.compare_digest(given.lower().encode(), expected.encode())

    def signed_event(self, request) -> dict:
        """The webhook's JSON object once its X-ZEvent-Signature is right (ForgedCallback else).

        The MAC covers the timestamp inside the body, so a body that is not a JSON object
        cannot be checked at all and is refused like a forgery.
        """
        header = request.headers.get("X-ZEvent-Signature", "")
        if request.method != "POST" or not header:
            raise ForgedCallback("missing X-ZEvent-Signature")
        raw = request.body
        try:
            payload = json.loads(raw)
        except ValueError:
            raise ForgedCallback("body is not JSON") from None
        if not isinstance(payload, dict):
            raise ForgedCallback("body is not a JSON object")
        if not self.verify_signature(header, raw, payload.get("timestamp", "")):
            raise ForgedCallback("bad X-ZEvent-Signature")
        return payload

    def parse_inbound(self, request) -> list[InboundMessage]:
        payload = self.signed_event(request)
        if payload.get("event_name") not in REPLY_EVENTS:
            return []
        message, sender = payload.get("message"), payload.get("sender")
        if not isinstance(message, dict) or not isinstance(sender, dict):
            raise MalformedCallback("message or sender is not an object")
        text, msg_id, user = message.get("text"), message.get("msg_id"), sender.get("id")
        if not isinstance(text, str) or not isinstance(msg_id, str | int) or not user:
            raise MalformedCallback("text, msg_id or sender id missing")
        if not isinstance(user, str | int) or isinstance(user, bool) or isinstance(msg_id, bool):
            raise MalformedCallback("sender id is not a string or number")
        _from_millis(payload.get("timestamp"))  # a timestamp no calendar holds is malformed
        return [InboundMessage(phone="", text=text, provider_id=str(msg_id), sender=str(user))]

    def parse_callback(self, request) -> list[DeliveryUpdate]:
        payload = self.signed_event(request)
        status = EVENT_STATUS.get(payload.get("event_name", ""))
        message = payload.get("message") if isinstance(payload.get("message"), dict) else {}
        if status is None:
            return []
        ids = message.get("msg_ids") or [message.get("msg_id")]
        occurred_at = _from_millis(message.get("delivery_time") or payload.get("timestamp"))
        tracking_id = str(message.get("tracking_id") or "")
        return [
            DeliveryUpdate(
                provider_id=str(msg_id),
                tracking_id=tracking_id,
                status=status,
                error_code="",
                occurred_at=occurred_at,
                recipient_ref=_recipient_ref(payload),
            )
            for msg_id in ids
            if msg_id
        ]

    def close(self) -> None:
        self.http.close()


def _recipient_ref(payload: dict) -> str:
    """[S] `recipient.id` of a ZNS receipt: the Zalo user the message reached, the same id their
    user_send_text replies carry as `sender.id`. "" when absent or not a plain id."""
    recipient = payload.get("recipient")
    user = recipient.get("id") if isinstance(recipient, dict) else None
    if isinstance(user, bool) or not isinstance(user, str | int):
        return ""
    return str(user)[:64]


def _json_or_none(reply: httpx.Response):
    try:
        data = reply.json()
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _network_error(exc: Exception) -> ProviderResult:
    return ProviderResult(
        Outcome.TRANSIENT_ERROR,
        error_code="timeout" if isinstance(exc, httpx.TimeoutException) else "network",
        error_message=str(_("Lỗi mạng: %(error)s")) % {"error": type(exc).__name__},
    )

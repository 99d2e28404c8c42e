"""A loopback Zalo ZNS + OAuth server, and signed delivery webhooks.

One server answers both the send API (`/message/template`) and the token API
(`/v4/oa/access_token`), so `api_base` and `oauth_base` are both `fake.url`.

    with FakeZalo() as fake:
        channel = get_channel("zalo_zns", fake.channel_config(on_tokens_refreshed=store))
        fake.expire_access_token()        # next send gets -124, the channel refreshes
        fake.errors["+84912345678"] = -118
        fake.remaining_quota = 0          # next send gets the quota error
"""

from __future__ import annotations

import json
import time
import uuid

import httpx

from campaigns.channels.zalo_zns import zalo_mac

from .base import FakeServer, RecordedRequest, Reply, django_request

APP_ID = "4321098765432109876"
APP_SECRET = "fake-zalo-app-secret"
OA_SECRET_KEY = "fake-zalo-oa-secret-key"
OA_ID = "1122334455667788990"
QUOTA_ERROR = -144

ERROR_TEXT = {
    -100: "Unknown error",
    -108: "Phone number is invalid",
    -109: "Template ID is invalid",
    -111: "Template data is empty",
    -112: "Template data is invalid",
    -118: "Zalo account not existed",
    -124: "Access token is invalid",
    QUOTA_ERROR: "OA has exceeded daily quota",
}


def zalo_signed(payload: dict, app_id: str = APP_ID, oa_secret_key: str = OA_SECRET_KEY):
    """(raw JSON body, headers) of a webhook signed as Zalo does."""
    raw = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    mac = zalo_mac(app_id, raw, payload.get("timestamp", ""), oa_secret_key)
    return raw, {"Content-Type": "application/json", "X-ZEvent-Signature": f"mac={mac}"}


def zalo_event(
    event_name: str,
    msg_id: str,
    tracking_id: str = "",
    *,
    app_id: str = APP_ID,
    timestamp_ms: int | None = None,
) -> dict:
    """A ZNS delivery webhook body: user_received_message or user_seen_message."""
    stamp = str(timestamp_ms if timestamp_ms is not None else int(time.time() * 1000))
    return {
        "app_id": app_id,
        "oa_id": OA_ID,
        "event_name": event_name,
        "timestamp": stamp,
        "sender": {"id": OA_ID},
        "recipient": {"id": "8213665430000000000"},
        "message": {"msg_id": msg_id, "tracking_id": tracking_id, "delivery_time": stamp},
    }


def zalo_reply(
    text: str,
    msg_id: str,
    user_id: str = "8213665430000000000",
    *,
    app_id: str = APP_ID,
    timestamp_ms: int | None = None,
) -> dict:
    """A user's text to the OA (event user_send_text), as public integrations read it."""
    stamp = str(timestamp_ms if timestamp_ms is not None else int(time.time() * 1000))
    return {
        "app_id": app_id,
        "oa_id": OA_ID,
        "user_id_by_app": "5566778899",
        "event_name": "user_send_text",
        "timestamp": stamp,
        "sender": {"id": user_id},
        "recipient": {"id": OA_ID},
        "message": {"text": text, "msg_id": msg_id},
    }


def post_zalo_event(
    url: str, payload: dict, app_id: str = APP_ID, oa_secret_key: str = OA_SECRET_KEY
) -> httpx.Response:
    raw, headers = zalo_signed(payload, app_id, oa_secret_key)
    return httpx.post(url, content=raw, headers=headers, timeout=5)


def zalo_callback_request(
    url: str,
    payload: dict,
    app_id: str = APP_ID,
    oa_secret_key: str = OA_SECRET_KEY,
    *,
    signature: str | None = None,
):
    """The Django request a webhook to `url` becomes (signed unless `signature` is given;
    pass "" to send no signature header)."""
    raw, headers = zalo_signed(payload, app_id, oa_secret_key)
    if signature is not None:
        headers.pop("X-ZEvent-Signature")
        if signature:
            headers["X-ZEvent-Signature"] = signature
    headers.pop("Content-Type")
    return django_request("POST", url, body=raw, content_type="application/json", headers=headers)


class FakeZalo(FakeServer):
    def __init__(
        self,
        app_id: str = APP_ID,
        app_secret: str = APP_SECRET,
        oa_secret_key: str = OA_SECRET_KEY,
        daily_quota: int = 5000,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.app_id = app_id
        self.app_secret = app_secret
        self.oa_secret_key = oa_secret_key
        self.daily_quota = daily_quota
        # Where Zalo posts webhooks (set in Zalo's developer console, not per message).
        self.webhook_url = ""
        self._set_initial_state()

    def _set_initial_state(self) -> None:
        with self.lock:
            self.serial = 0
            self.access_token = "access-0"
            self.refresh_token = "refresh-0"
            self.token_valid = True
            self.remaining_quota = self.daily_quota

    def reset(self) -> None:
        super().reset()
        self.webhook_url = ""
        self._set_initial_state()

    def channel_config(self, **overrides) -> dict:
        with self.lock:
            config = {
                "app_id": self.app_id,
                "app_secret": self.app_secret,
                "oa_secret_key": self.oa_secret_key,
                "access_token": self.access_token,
                "refresh_token": self.refresh_token,
                "api_base": self.url,
                "oauth_base": self.url,
            }
        config.update(overrides)
        return config

    def expire_access_token(self) -> None:
        """The current access token now gets -124 (the refresh token still works)."""
        with self.lock:
            self.token_valid = False

    def respond(self, request: RecordedRequest) -> Reply:
        if request.method == "POST" and request.path == "/message/template":
            return self._send(request)
        if request.method == "POST" and request.path == "/v4/oa/access_token":
            return self._refresh(request)
        return Reply.json(404, {"error": 404, "message": "Not found"})

    @staticmethod
    def error(code: int) -> Reply:
        return Reply.json(200, {"error": code, "message": ERROR_TEXT.get(code, "Error")})

    def _send(self, request: RecordedRequest) -> Reply:
        with self.lock:
            token_ok = self.token_valid and request.header("access_token") == self.access_token
        if not token_ok:
            return self.error(-124)
        if self.over_rate_limit():
            return Reply(429, b"Too Many Requests", "text/plain")
        data = request.json() or {}
        phone = str(data.get("phone", ""))
        if not phone.isdigit() or not phone.startswith("84"):
            return self.error(-108)
        code = self.scripted_error(phone)
        if code is not None:
            return self.error(int(code))
        with self.lock:
            if self.remaining_quota <= 0:
                return self.error(QUOTA_ERROR)
            self.remaining_quota -= 1
            remaining = self.remaining_quota
        msg_id = uuid.uuid4().hex
        self.record_accepted(
            {
                "phone": phone,
                "provider_id": msg_id,
                "tracking_id": data.get("tracking_id", ""),
                "template_id": data.get("template_id", ""),
                "template_data": data.get("template_data", {}),
            }
        )
        if self.webhook_url and data.get("tracking_id"):
            self.schedule_callback(self.deliver_event, self.webhook_url, data["tracking_id"])
        return Reply.json(
            200,
            {
                "error": 0,
                "message": "Success",
                "data": {
                    "msg_id": msg_id,
                    "sent_time": str(int(time.time() * 1000)),
                    "quota": {
                        "dailyQuota": str(self.daily_quota),
                        "remainingQuota": str(remaining),
                    },
                },
            },
        )

    def _refresh(self, request: RecordedRequest) -> Reply:
        form = request.form()
        if request.header("secret_key") != self.app_secret or form.get("app_id") != self.app_id:
            return Reply.json(
                200, {"error": -14002, "error_name": "Invalid app", "error_reason": "secret_key"}
            )
        with self.lock:
            if form.get("grant_type") != "refresh_token" or (
                form.get("refresh_token") != self.refresh_token
            ):
                return Reply.json(
                    200,
                    {
                        "error": -14014,
                        "error_name": "Invalid refresh token",
                        "error_description": "Refresh token is invalid or has been used",
                    },
                )
            self.serial += 1
            self.access_token = f"access-{self.serial}"
            self.refresh_token = f"refresh-{self.serial}"  # single use: the old one is gone
            self.token_valid = True
            pair = {"access_token": self.access_token, "refresh_token": self.refresh_token}
        return Reply.json(200, {**pair, "expires_in": "90000"})

    def deliver_event(
        self, url: str, tracking_id: str, event_name: str = "user_received_message"
    ) -> httpx.Response:
        """POST a signed webhook for the accepted message with `tracking_id` to `url`."""
        message = next(m for m in self.accepted if m["tracking_id"] == tracking_id)
        payload = zalo_event(event_name, message["provider_id"], tracking_id, app_id=self.app_id)
        return post_zalo_event(url, payload, self.app_id, self.oa_secret_key)

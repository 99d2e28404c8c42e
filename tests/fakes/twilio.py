"""A loopback Twilio Messaging API, and signed status callbacks.

with FakeTwilio() as fake:
    channel = get_channel("twilio_sms", fake.channel_config())
    fake.errors["+84912345678"] = 21610
    fake.send_status(sid, "delivered", url=...)   # signed POST to the StatusCallback
"""

from __future__ import annotations

import base64
import re
import uuid
from email.utils import formatdate
from urllib.parse import urlencode

import httpx
from twilio.request_validator import RequestValidator

from .base import FakeServer, RecordedRequest, Reply, django_request

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
AUTH_TOKEN = "fake-twilio-auth-token"
FROM_NUMBER = "+15005550006"

MESSAGES_PATH = re.compile(r"^/2010-04-01/Accounts/(?P<sid>[^/]+)/Messages\.json$")
LIST_PAGE_SIZE = 50

ERROR_TEXT = {
    20003: "Authenticate",
    20429: "Too Many Requests",
    14107: "SMS send rate limit exceeded",
    21211: "The 'To' number is not a valid phone number.",
    21408: "Permission to send an SMS has not been enabled for the region indicated by the 'To'",
    21603: "A 'From' phone number is required.",
    21604: "A 'To' phone number is required.",
    21610: "Attempt to send to unsubscribed recipient",
    21611: "This 'From' number has exceeded the maximum number of queued messages",
    21612: "The 'To' phone number is not currently reachable via SMS",
    21614: "'To' number is not a valid mobile number",
    63018: "Rate limit exceeded for Channel",
}


def twilio_signature(auth_token: str, url: str, params: dict) -> str:
    """X-Twilio-Signature for a POST of `params` to `url`."""
    return RequestValidator(auth_token).compute_signature(url, params)


def status_params(
    sid: str, status: str, *, account_sid: str = ACCOUNT_SID, error_code: str = "", **more
) -> dict:
    """The form fields of a status callback (plus any extra ones Twilio may add)."""
    params = {"MessageSid": sid, "SmsSid": sid, "MessageStatus": status, "AccountSid": account_sid}
    if error_code:
        params["ErrorCode"] = str(error_code)
    params.update({key: str(value) for key, value in more.items()})
    return params


def post_twilio_callback(
    url: str, params: dict, auth_token: str = AUTH_TOKEN, *, signed_url: str | None = None
) -> httpx.Response:
    """POST a status callback to a live server; `signed_url` is the public URL when it differs."""
    signature = twilio_signature(auth_token, signed_url or url, params)
    return httpx.post(url, data=params, headers={"X-Twilio-Signature": signature}, timeout=5)


def twilio_callback_request(
    url: str, params: dict, auth_token: str = AUTH_TOKEN, *, signature: str | None = None
):
    """The Django request a status callback to `url` becomes (signed unless `signature`)."""
    if signature is None:
        signature = twilio_signature(auth_token, url, params)
    headers = {"X-Twilio-Signature": signature} if signature else {}
    return django_request(
        "POST",
        url,
        body=urlencode(params).encode(),
        content_type="application/x-www-form-urlencoded",
        headers=headers,
    )


class FakeTwilio(FakeServer):
    """POST /2010-04-01/Accounts/{sid}/Messages.json with Basic auth, as Twilio answers it.

    `errors[phone] = code` answers that Twilio error for the number (HTTP 429 for 20429, the
    code itself as HTTP status for 500–599 with a non-JSON body, else 400)."""

    def __init__(self, account_sid: str = ACCOUNT_SID, auth_token: str = AUTH_TOKEN, **kwargs):
        super().__init__(**kwargs)
        self.account_sid = account_sid
        self.auth_token = auth_token

    def channel_config(self, **overrides) -> dict:
        config = {
            "account_sid": self.account_sid,
            "auth_token": self.auth_token,
            "from_number": FROM_NUMBER,
            "api_base": self.url,
        }
        config.update(overrides)
        return config

    def _authorised(self, request: RecordedRequest) -> bool:
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        return request.header("Authorization") == f"Basic {expected}"

    def error_reply(self, code: int) -> Reply:
        if 500 <= code < 600:
            return Reply(code, b"<html><body>Service unavailable</body></html>", "text/html")
        status = {20429: 429, 20003: 401}.get(code, 400)
        return Reply.json(
            status,
            {
                "code": code,
                "message": ERROR_TEXT.get(code, "Error"),
                "more_info": f"https://www.twilio.com/docs/errors/{code}",
                "status": status,
            },
        )

    def respond(self, request: RecordedRequest) -> Reply:
        match = MESSAGES_PATH.match(request.path)
        if not match or request.method not in ("POST", "GET"):
            return Reply.json(404, {"code": 20404, "message": "Not found", "status": 404})
        if match["sid"] != self.account_sid or not self._authorised(request):
            return self.error_reply(20003)
        if request.method == "GET":
            return self.list_reply(request)
        form = request.form()
        to = form.get("To", "")
        if not to:
            return self.error_reply(21604)
        if not (form.get("From") or form.get("MessagingServiceSid")):
            return self.error_reply(21603)
        if self.over_rate_limit():
            return self.error_reply(20429)
        code = self.scripted_error(to)
        if code is not None:
            return self.error_reply(int(code))
        sid = "SM" + uuid.uuid4().hex
        now = formatdate(usegmt=True)
        self.record_accepted(
            {
                "phone": to,
                "provider_id": sid,
                "date_created": now,
                "body": form.get("Body", ""),
                "from": form.get("From", ""),
                "messaging_service_sid": form.get("MessagingServiceSid", ""),
                "status_callback": form.get("StatusCallback", ""),
            }
        )
        if form.get("StatusCallback"):
            self.schedule_callback(self.send_status, sid, "delivered")
        return Reply.json(201, self.resource(self._last(sid)))

    def _last(self, sid: str) -> dict:
        with self.lock:
            return next(m for m in reversed(self._accepted) if m["provider_id"] == sid)

    def resource(self, message: dict) -> dict:
        """A Message resource as the API renders it."""
        sid = message["provider_id"]
        return {
            "sid": sid,
            "account_sid": self.account_sid,
            "to": message["phone"],
            "from": message["from"] or None,
            "messaging_service_sid": message["messaging_service_sid"] or None,
            "body": message["body"],
            "status": "queued",
            "num_segments": "1",
            "direction": "outbound-api",
            "api_version": "2010-04-01",
            "date_created": message["date_created"],
            "date_updated": message["date_created"],
            "date_sent": None,
            "error_code": None,
            "error_message": None,
            "price": None,
            "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}.json",
        }

    def list_reply(self, request: RecordedRequest) -> Reply:
        """GET Messages.json?To=...&PageSize=...: newest first, one page (enough for a lookup)."""
        to = (request.query.get("To") or [""])[0]
        size = int((request.query.get("PageSize") or [LIST_PAGE_SIZE])[0])
        found = [m for m in reversed(self.accepted) if not to or m["phone"] == to][:size]
        uri = f"/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        return Reply.json(
            200,
            {
                "messages": [self.resource(m) for m in found],
                "end": max(len(found) - 1, 0),
                "first_page_uri": uri,
                "next_page_uri": None,
                "page": 0,
                "page_size": size,
                "previous_page_uri": None,
                "start": 0,
                "uri": uri,
            },
        )

    def send_status(
        self, sid: str, status: str, *, error_code: str = "", url: str = "", signed_url: str = ""
    ) -> httpx.Response:
        """POST a signed status callback for an accepted message to its StatusCallback
        (or to `url`); `signed_url` is the public URL to sign when behind a proxy."""
        message = next(m for m in self.accepted if m["provider_id"] == sid)
        target = url or message["status_callback"]
        params = status_params(
            sid,
            status,
            account_sid=self.account_sid,
            error_code=error_code,
            To=message["phone"],
            From=message["from"],
        )
        return post_twilio_callback(target, params, self.auth_token, signed_url=signed_url or None)

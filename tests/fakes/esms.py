"""A loopback eSMS.vn API, and its delivery-report callbacks (HTTP GET, no signature).

with FakeEsms() as fake:
    channel = get_channel("esms", fake.channel_config())
    fake.errors["+84912345678"] = 108
    fake.balance = 0                  # next send gets 103
    fake.fire_callback(request_id, send_status=5)   # GET to the message's CallbackUrl
"""

from __future__ import annotations

import uuid
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx

from .base import FakeServer, RecordedRequest, Reply, django_request

API_KEY = "fake-esms-api-key"
SECRET_KEY = "fake-esms-secret-key"
BRANDNAME = "PHUONGSO"
CALLBACK_TOKEN = "fake-esms-callback-token"
SEND_PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/"

ERROR_TEXT = {
    "101": "Sai thông tin ApiKey hoặc SecretKey.",
    "103": "Không đủ số dư để gửi tin.",
    "104": "Brandname không tồn tại.",
    "108": "Số điện thoại không hợp lệ.",
    "124": "Trùng RequestId khi gửi tin.",
    "140": "IP không được phép.",
}


def callback_query(sms_id: str, request_id: str, send_status, phone: str = "") -> dict:
    return {
        "SMSID": sms_id,
        "phonenumber": phone,
        "RequestId": request_id,
        "SendStatus": str(send_status),
    }


def _with_query(url: str, params: dict) -> str:
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, urlencode(params)) if q)
    return urlunsplit(parts._replace(query=query))


def esms_callback_request(url: str, sms_id: str, request_id: str, send_status, phone: str = ""):
    """The Django request an eSMS report to `url` (which carries ?token=...) becomes."""
    return django_request(
        "GET", _with_query(url, callback_query(sms_id, request_id, send_status, phone))
    )


class FakeEsms(FakeServer):
    def __init__(
        self,
        api_key: str = API_KEY,
        secret_key: str = SECRET_KEY,
        brandnames: tuple[str, ...] = (BRANDNAME,),
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.api_key = api_key
        self.secret_key = secret_key
        self.brandnames = set(brandnames)
        self.balance: int | None = None  # messages left; None = unlimited
        self._seen: dict[str, str] = {}  # RequestId → SMSID

    def reset(self) -> None:
        super().reset()
        with self.lock:
            self.balance = None
            self._seen.clear()

    def channel_config(self, **overrides) -> dict:
        config = {
            "api_key": self.api_key,
            "secret_key": self.secret_key,
            "brandname": next(iter(sorted(self.brandnames))),
            "callback_token": CALLBACK_TOKEN,
            "sandbox": False,
            "api_base": self.url,
        }
        config.update(overrides)
        return config

    @staticmethod
    def code(code) -> Reply:
        code = str(code)
        return Reply.json(200, {"CodeResult": code, "ErrorMessage": ERROR_TEXT.get(code, "Lỗi")})

    def respond(self, request: RecordedRequest) -> Reply:
        if request.method != "POST" or request.path != SEND_PATH:
            return Reply(404, b"Endpoint not found.", "text/html")
        data = request.json() or {}
        if data.get("ApiKey") != self.api_key or data.get("SecretKey") != self.secret_key:
            return self.code(101)
        if data.get("Brandname") not in self.brandnames:
            return self.code(104)
        if self.over_rate_limit():
            return Reply(429, b"Too Many Requests", "text/plain")
        request_id = str(data.get("RequestId") or "")
        phone = str(data.get("Phone", ""))
        with self.lock:
            if request_id and request_id in self._seen:
                return self.code(124)
        if not phone.isdigit() or not phone.startswith("84"):
            return self.code(108)
        scripted = self.scripted_error(phone)
        if scripted is not None:
            return self.code(scripted)
        with self.lock:
            if self.balance is not None:
                if self.balance <= 0:
                    return self.code(103)
                self.balance -= 1
            sms_id = str(uuid.uuid4())
            if request_id:
                self._seen[request_id] = sms_id
        self.record_accepted(
            {
                "phone": phone,
                "provider_id": sms_id,
                "tracking_id": request_id,
                "content": data.get("Content", ""),
                "is_unicode": data.get("IsUnicode"),
                "sms_type": data.get("SmsType"),
                "sandbox": data.get("Sandbox"),
                "callback_url": data.get("CallbackUrl", ""),
            }
        )
        if data.get("CallbackUrl") and request_id:
            self.schedule_callback(self.fire_callback, request_id, 5)
        return Reply.json(200, {"CodeResult": "100", "CountRegenerate": 0, "SMSID": sms_id})

    def fire_callback(self, request_id: str, send_status=5, *, url: str = "") -> httpx.Response:
        """GET the delivery report of the accepted message `request_id` to its CallbackUrl."""
        message = next(m for m in self.accepted if m["tracking_id"] == request_id)
        params = callback_query(message["provider_id"], request_id, send_status, message["phone"])
        return httpx.get(_with_query(url or message["callback_url"], params), timeout=5)

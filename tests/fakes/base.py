"""A loopback HTTP server to stand in for a provider's API in tests and benchmarks.

    with FakeTwilio() as fake:          # listens on 127.0.0.1, a free port, in a thread
        channel = get_channel("twilio_sms", {..., "api_base": fake.url})
        fake.errors["+84912345678"] = 21610    # script an error for one number
        ...
        fake.requests                          # every request received, in order
        fake.accepted                          # every message the fake accepted
        fake.max_per_second()                  # throughput actually seen

Subclasses implement `respond(request) -> Reply`. Everything shared between the handler threads
and the test goes through `self.lock`.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    received_at: float = field(default_factory=time.time)

    def json(self):
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        """Form-encoded body, first value of each field."""
        pairs = parse_qs(self.body.decode("utf-8"), keep_blank_values=True)
        return {key: values[0] for key, values in pairs.items()}

    def header(self, name: str, default: str = "") -> str:
        lowered = name.lower()
        for key, value in self.headers.items():
            if key.lower() == lowered:
                return value
        return default


@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json"

    @classmethod
    def json(cls, status: int, data) -> Reply:
        return cls(status, json.dumps(data).encode("utf-8"))


def bare_phone(phone: str) -> str:
    """Return "84912345678" for "+84912345678" or "84912345678", to match scripted errors."""
    return str(phone).strip().lstrip("+")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real APIs
    # Headers and body leave in one packet: unbuffered writes plus Nagle and delayed ACKs
    # would cost ~40 ms per request and cap a keep-alive client at ~25 requests a second.
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True
    server: FakeServer

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        recorded = RecordedRequest(
            method=self.command,
            path=parts.path,
            query=parse_qs(parts.query, keep_blank_values=True),
            headers=dict(self.headers.items()),
            body=body,
        )
        self.server.record(recorded)
        delay = self.server.delay
        if delay:
            time.sleep(delay)
        reply = self.server.respond(recorded)
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    do_GET = do_POST = do_PUT = do_DELETE = _handle

    def log_message(self, format, *args):  # noqa: A002 - silence the per-request access log
        pass


class FakeServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 256

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        super().__init__((host, port), _Handler)
        self.lock = threading.RLock()
        self._arrived = threading.Condition(self.lock)
        self._thread: threading.Thread | None = None
        self._requests: list[RecordedRequest] = []
        self._accepted: list[dict] = []
        # Scripting, changeable at any time from the test:
        self.errors: dict[str, object] = {}  # phone (with or without +) → provider error code
        self.delay: float = 0.0  # seconds to wait before answering (timeouts, slow provider)
        self.rate_limit: int | None = None  # accepted requests per second before rate-limiting
        self._window: tuple[int, int] = (0, 0)  # (second, count) for rate_limit
        # Seconds after an accepted send to fire its "delivered" callback; None = never.
        self.auto_callback_after: float | None = None
        self.callback_errors: list[str] = []

    # --- lifecycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        if self._thread is None:
            self._thread = threading.Thread(
                target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def handle_error(self, request, client_address):
        # A client that timed out and hung up is expected here; anything else is not.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    # --- recording -------------------------------------------------------------------------

    def record(self, request: RecordedRequest) -> None:
        with self._arrived:
            self._requests.append(request)
            self._arrived.notify_all()

    def record_accepted(self, message: dict) -> None:
        with self.lock:
            self._accepted.append(message)

    @property
    def requests(self) -> list[RecordedRequest]:
        with self.lock:
            return list(self._requests)

    @property
    def accepted(self) -> list[dict]:
        """Messages the fake accepted, each a dict with at least `phone` and `provider_id`."""
        with self.lock:
            return list(self._accepted)

    def requests_to(self, path_fragment: str) -> list[RecordedRequest]:
        return [r for r in self.requests if path_fragment in r.path]

    def accepted_for(self, phone: str) -> list[dict]:
        wanted = bare_phone(phone)
        return [m for m in self.accepted if bare_phone(m["phone"]) == wanted]

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> bool:
        """Block until at least `count` requests arrived; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self._requests) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._arrived.wait(remaining)
            return True

    def per_second(self) -> Counter:
        """Requests received per wall-clock second (epoch second → count)."""
        return Counter(int(r.received_at) for r in self.requests)

    def max_per_second(self) -> int:
        counts = self.per_second()
        return max(counts.values()) if counts else 0

    def reset(self) -> None:
        """Forget requests, accepted messages and scripted behaviour."""
        with self.lock:
            self._requests.clear()
            self._accepted.clear()
            self.errors.clear()
            self.delay = 0.0
            self.rate_limit = None
            self._window = (0, 0)
            self.auto_callback_after = None
            self.callback_errors.clear()

    # --- scripting helpers for subclasses --------------------------------------------------

    def scripted_error(self, phone: str):
        with self.lock:
            for key, code in self.errors.items():
                if bare_phone(key) == bare_phone(phone):
                    return code
        return None

    def over_rate_limit(self) -> bool:
        """Count one request against `rate_limit`; True when this one is over it."""
        with self.lock:
            if self.rate_limit is None:
                return False
            second = int(time.time())
            start, count = self._window
            count = count + 1 if start == second else 1
            self._window = (second, count)
            return count > self.rate_limit

    def schedule_callback(self, send, *args) -> None:
        """Call `send(*args)` in `auto_callback_after` seconds when auto callbacks are on."""
        after = self.auto_callback_after
        if after is None:
            return
        timer = threading.Timer(after, self._run_callback, (send, args))
        timer.daemon = True
        timer.start()

    def _run_callback(self, send, args) -> None:
        try:
            send(*args)
        except Exception as exc:  # the receiving server may be down: note it, as Twilio would
            with self.lock:
                self.callback_errors.append(repr(exc))

    def respond(self, request: RecordedRequest) -> Reply:
        return Reply.json(404, {"error": "not found"})


def django_request(
    method: str, url: str, *, body: bytes = b"", content_type: str = "", headers=None
):
    """A Django HttpRequest for `url` (host and scheme kept, so build_absolute_uri() == url),
    as a provider's callback would arrive. Needs Django settings to be configured."""
    from django.test import RequestFactory

    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    extra = {"HTTP_HOST": parts.netloc, "secure": parts.scheme == "https"}
    factory = RequestFactory()
    if method.upper() == "GET":
        return factory.get(path, headers=headers or {}, **extra)
    return factory.generic(
        method.upper(), path, data=body, content_type=content_type, headers=headers or {}, **extra
    )


class CallbackSink(FakeServer):
    """Receives the callbacks a fake provider sends (answers 200 "OK" to everything), so a
    test can feed them to `channel.parse_callback(sink.django_request(i))`."""

    def respond(self, request: RecordedRequest) -> Reply:
        return Reply(200, b"OK", "text/plain")

    def django_request(self, index: int = -1, *, url_base: str | None = None):
        """Recorded request `index` as a Django request, addressed to `url_base` (default the
        sink's own URL — the URL the provider called and signed)."""
        recorded = self.requests[index]
        query = urlencode(recorded.query, doseq=True)
        url = (url_base or self.url) + recorded.path + (f"?{query}" if query else "")
        headers = {
            k: v
            for k, v in recorded.headers.items()
            if k.lower() not in {"host", "content-length", "content-type"}
        }
        return django_request(
            recorded.method,
            url,
            body=recorded.body,
            content_type=recorded.header("Content-Type"),
            headers=headers,
        )

"""Who scanned, as far as a log without personal data may say: device class, bot or person,
and a visitor hash that is only comparable within one day."""

import datetime
import hashlib
import hmac
import logging
import re
from functools import lru_cache

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone

from config.ratelimit import client_address as trusted_client_address
from qr.models import Device, Scan

logger = logging.getLogger(__name__)

# Crawlers, link-preview fetchers (a link pasted in Zalo, Facebook, WhatsApp… is fetched by the
# platform, not by a person) and HTTP libraries. In-app browsers of Zalo and Facebook are people:
# their user agents carry a phone's platform ("Android", "iPhone") and are not matched here.
BOT_PATTERN = re.compile(
    r"(?<!cu)bot\b|bot/|crawl|spider|slurp|preview|fetcher|externalhit|facebookcatalog|facebot"
    r"|meta-external|whatsapp|telegram|slack|twitter|discord|skype|linkedin|pinterest|embedly"
    r"|vkshare|viber|headless|lighthouse|pingdom|uptime|monitor|curl|wget|python-|httpx|aiohttp"
    r"|go-http-client|okhttp|java/|libwww|httpclient|axios|node-fetch|scrapy|feed",
    re.IGNORECASE,
)
# Zalo's own fetcher announces "Zalo" without a platform; Zalo's in-app browser names the phone.
ZALO_FETCHER = re.compile(r"zalo", re.IGNORECASE)
PLATFORM = re.compile(r"android|iphone|ipad|ipod|windows|macintosh|linux|cros", re.IGNORECASE)


def is_bot(user_agent: str) -> bool:
    if not user_agent.strip():
        return True  # every phone browser sends one
    if BOT_PATTERN.search(user_agent):
        return True
    return bool(ZALO_FETCHER.search(user_agent) and not PLATFORM.search(user_agent))


def device_of(user_agent: str) -> str:
    ua = user_agent.lower()
    if "ipad" in ua or "tablet" in ua or ("android" in ua and "mobile" not in ua):
        return Device.TABLET
    if "mobi" in ua or "iphone" in ua or "ipod" in ua or "android" in ua:
        return Device.MOBILE
    if any(word in ua for word in ("windows nt", "macintosh", "x11", "cros", "linux")):
        return Device.DESKTOP
    return Device.OTHER


def is_prefetch(request) -> bool:
    """Browsers and apps that fetch a link ahead of the person opening it say so."""
    headers = request.headers
    for name in ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz"):
        value = headers.get(name, "").lower()
        if "prefetch" in value or "preview" in value:
            return True
    return False


@lru_cache(maxsize=4)
def daily_salt(day: datetime.date) -> bytes:
    """A secret for one day, from SECRET_KEY and the date: yesterday's hashes cannot be matched."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"qr-visitor:{day.isoformat()}".encode(), hashlib.sha256
    ).digest()


def visitor_hash(address: str, user_agent: str, day: datetime.date) -> str:
    digest = hmac.new(daily_salt(day), f"{address}|{user_agent}".encode(), hashlib.sha256)
    return digest.hexdigest()[:16]


def client_address(request) -> str:
    return trusted_client_address(request)


LOG_ALIAS = "qr_scan_log"
_log_alias: str | None = None


def dedicated_log_settings(default) -> dict | None:
    """Settings of a connection kept open for the scan log, or None to use the default one.

    On a SQLite file the project opens a fresh connection per request, and each one re-reads
    the whole schema (~3 ms with Wagtail's tables): that alone would cap redirects near 400 per
    second on two workers. PostgreSQL connections already persist (CONN_MAX_AGE), and an
    in-memory test database is shared with the test's transaction: both use the default.
    """
    if default.vendor != "sqlite" or default.is_in_memory_db():
        return None
    return {**default.settings_dict, "CONN_MAX_AGE": None}


def log_database() -> str:
    global _log_alias
    if _log_alias is None:
        dedicated = dedicated_log_settings(connections["default"])
        if dedicated:
            connections.settings[LOG_ALIAS] = dedicated
        _log_alias = LOG_ALIAS if dedicated else "default"
    return _log_alias


def record(request, link_id: int) -> None:
    """One INSERT. A failure to log never stops the citizen from reaching the page."""
    user_agent = request.headers.get("User-Agent", "")[:512]
    now = timezone.now()
    try:
        Scan.objects.using(log_database()).create(
            link_id=link_id,
            at=now,
            device=device_of(user_agent),
            is_bot=is_bot(user_agent),
            visitor=visitor_hash(client_address(request), user_agent, timezone.localdate(now)),
        )
    except DatabaseError:
        logger.warning("scan of link %s not logged", link_id, exc_info=True)

"""Fixed-window rate limits shared by sign-in, every public form and the APIs.

Counts live in a store every web worker and machine shares, so a limit of 5 is 5 whatever the
number of gunicorn workers: Redis when `REDIS_URL` is set (INCR is atomic), otherwise a table of
the database (`wards.RateCount`, one atomic INSERT … ON CONFLICT upsert per hit). Keys hold a hash
of the client address, never the address itself. `X-Forwarded-For` is believed only as far as
`TRUSTED_PROXY_COUNT` proxies of our own wrote it: with 0 (the default) it is ignored.
"""

import datetime
import functools
import hashlib
import random
import time

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

CLEAN_UP_ONE_IN = 200


def client_address(request) -> str:
    """The address of the client as the last of our trusted proxies saw it."""
    trusted = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if trusted <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if not hops:
        return remote
    return hops[-trusted] if len(hops) >= trusted else hops[0]


def client_fingerprint(request) -> str:
    return hashlib.sha256(client_address(request).encode()).hexdigest()[:16]


def _hit_cache(key: str, previous: str, window_seconds: int) -> int:
    cache = caches[settings.RATELIMIT_CACHE]
    before = cache.get(previous, 0)
    if cache.add(key, 1, 2 * window_seconds + 1):
        return before + 1
    try:
        return before + cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, 2 * window_seconds + 1)
        return before + 1


def _hit_database(key: str, previous: str, window_seconds: int) -> int:
    now = timezone.now()
    table = connection.ops.quote_name("wards_ratecount")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (name, count, expires_at) VALUES (%s, 1, %s) "  # noqa: S608
            f"ON CONFLICT (name) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [key, now + datetime.timedelta(seconds=2 * window_seconds + 1)],
        )
        count = cursor.fetchone()[0]
        cursor.execute(f"SELECT count FROM {table} WHERE name = %s", [previous])  # noqa: S608
        before = cursor.fetchone()
        if random.randrange(CLEAN_UP_ONE_IN) == 0:  # noqa: S311 - not a secret
            cursor.execute(f"DELETE FROM {table} WHERE expires_at < %s", [now])  # noqa: S608
    return count + (before[0] if before else 0)


def over_limit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit for (scope, key); True once this window and the one before it have seen
    more than `limit` hits together, so crossing a window's boundary buys no extra tries."""
    window = int(time.time() // window_seconds)
    stem = f"rl:{scope}:{hashlib.sha256(key.encode()).hexdigest()[:24]}"
    hit = _hit_database if settings.RATELIMIT_STORE == "database" else _hit_cache
    return hit(f"{stem}:{window}", f"{stem}:{window - 1}", window_seconds) > limit


def too_many_requests(request):
    return render(
        request,
        "429.html",
        {"message": _("Bạn thao tác quá nhanh. Vui lòng đợi một lát rồi thử lại.")},
        status=429,
    )


def rate_limited(scope: str, *, limit: int, window_seconds: int, methods=("POST",)):
    """Decorator for public views: too many requests from one client get a 429 in Vietnamese."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods and over_limit(
                scope, client_fingerprint(request), limit=limit, window_seconds=window_seconds
            ):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator

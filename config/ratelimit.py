"""A fixed-window rate limit on the cache, shared by every public form and API.

Keys hold a hash of the client address, never the address itself.
"""

import functools
import hashlib
import time

from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_fingerprint(request) -> str:
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    address = forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(address.encode()).hexdigest()[:16]


def over_limit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit for (scope, key); True once the window has seen more than `limit` hits."""
    window = int(time.time() // window_seconds)
    cache_key = f"rl:{scope}:{key}:{window}"
    if cache.add(cache_key, 1, window_seconds + 1):
        return False
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the key expired between add and incr
        cache.add(cache_key, 1, window_seconds + 1)
        return False
    return count > limit


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

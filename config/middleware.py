import hashlib

from django.conf import settings
from django.core.cache import cache
from django.urls import Resolver404, resolve
from django.utils.translation import get_language


class ContentSecurityPolicyMiddleware:
    """Adds one Content-Security-Policy header: strict on the public site, looser in the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(settings.CSP_ADMIN_PREFIXES)
            response["Content-Security-Policy"] = (
                settings.CSP_ADMIN if admin else settings.CSP_PUBLIC
            )
        return response


class AnonymousPageCacheMiddleware:
    """Serves Wagtail pages to cookie-less visitors from a short-lived shared cache.

    Most citizens arrive from a QR code or a link with no cookie, so they all see the same page.
    A request with any cookie, or a response that sets one or is marked private / no-store, is
    never cached: whatever is personal (a learner's progress, a signed-in user) is rendered fresh.
    Publishing a page or saving ward settings bumps a version that empties the cache at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.COOKIES or not self._is_page(request):
            return self.get_response(request)
        key = self._key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self._cacheable(response):
            cache.set(key, response, settings.ANONYMOUS_PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _is_page(request) -> bool:
        try:
            return resolve(request.path_info).url_name == "wagtail_serve"
        except Resolver404:
            return False

    @staticmethod
    def _key(request) -> str:
        version = cache.get_or_set(PAGE_CACHE_VERSION_KEY, 1, None)
        parts = (
            request.get_host(),
            request.get_full_path(),
            get_language(),
            request.headers.get("Save-Data", ""),
        )
        digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
        return f"pagecache:{version}:{digest}"

    @staticmethod
    def _cacheable(response) -> bool:
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in control
            and "no-store" not in control
        )


PAGE_CACHE_VERSION_KEY = "pagecache:version"


def invalidate_page_cache(**kwargs) -> None:
    try:
        cache.incr(PAGE_CACHE_VERSION_KEY)
    except ValueError:
        cache.set(PAGE_CACHE_VERSION_KEY, 2, None)

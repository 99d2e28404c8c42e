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
    never cached: whatever is personal (a signed-in user) is rendered fresh. Publishing a page or
    saving ward settings bumps a version that empties the cache at once.

    Pages whose HTML is the same for every reader may say so (`shared_with_learners(response)`):
    a returning learner, whose only cookies are the learner id, the language and the CSRF
    cookie, gets those from the cache too; their progress is filled in by the page's script.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not self._is_page(request):
            return self.get_response(request)
        if request.COOKIES:
            return self._for_learner(request)
        key = self._key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self._cacheable(response):
            cache.set(key, response, settings.ANONYMOUS_PAGE_CACHE_SECONDS)
            if getattr(response, SHARED_WITH_LEARNERS, False):
                cache.set(LEARNER_PREFIX + key, response, settings.ANONYMOUS_PAGE_CACHE_SECONDS)
        return response

    def _for_learner(self, request):
        if not set(request.COOKIES) <= set(settings.PAGE_CACHE_LEARNER_COOKIES):
            return self.get_response(request)
        key = LEARNER_PREFIX + self._key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        # Stored only when nothing in it can belong to this reader: the page said it is shared,
        # it sets no cookie and does not vary on cookies (a CSRF token in a form would).
        if (
            getattr(response, SHARED_WITH_LEARNERS, False)
            and self._cacheable(response)
            and "cookie" not in response.get("Vary", "").lower()
        ):
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


SHARED_WITH_LEARNERS = "shared_with_learners"
LEARNER_PREFIX = "learner:"


def shared_with_learners(response):
    """Mark a page response as identical for every reader, learners with a cookie included."""
    setattr(response, SHARED_WITH_LEARNERS, True)
    return response


PAGE_CACHE_VERSION_KEY = "pagecache:version"


def invalidate_page_cache(**kwargs) -> None:
    try:
        cache.incr(PAGE_CACHE_VERSION_KEY)
    except ValueError:
        cache.set(PAGE_CACHE_VERSION_KEY, 2, None)

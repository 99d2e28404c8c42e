"""The address people reach a ward's site at, as printed on posters and sent in messages.

The ward's Wagtail Site (Settings → Sites) decides the host name and port; `PUBLIC_BASE_URL` only
says whether that host is served over HTTPS (a proxy in front terminates TLS, so the Site cannot
tell). Nothing here prints a made-up default such as localhost:8000.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

CACHE_SECONDS = 60
LOCAL_SUFFIXES = (".localhost", ".local", ".test", ".internal", ".lan", ".home.arpa")


def site_base_url(site) -> str:
    """Scheme, host and (unless standard) port of a Site, e.g. "https://hoaan.gov.vn"."""
    public = urlsplit(settings.PUBLIC_BASE_URL or "")
    secure = site.port == 443 or (public.hostname == site.hostname and public.scheme == "https")
    port = "" if site.port in (80, 443) else f":{site.port}"
    return f"{'https' if secure else 'http'}://{site.hostname}{port}"


def ward_base_url(ward) -> str:
    """site_base_url of the ward's Site, read at most once a minute per process."""
    key = f"wards:base-url:{ward.pk}"
    url = cache.get(key)
    if url is None:
        url = site_base_url(ward.site)
        cache.set(key, url, CACHE_SECONDS)
    return url


def is_local_host(hostname: str) -> bool:
    """True when phones outside this machine or its network cannot reach the host."""
    host = (hostname or "").strip("[]").lower()
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host == "localhost" or host.endswith(LOCAL_SUFFIXES) or "." not in host
    return address.is_private or address.is_loopback or address.is_link_local


def site_forget(sender, instance, **kwargs) -> None:
    """A Site edited in the admin prints its new address at once."""
    ward_pk = getattr(getattr(instance, "ward", None), "pk", None)
    if ward_pk:
        cache.delete(f"wards:base-url:{ward_pk}")

"""Short links `/q/<code>`: their codes, their full URL on the ward's host, and the cached lookup
the redirect makes on every scan."""

import secrets
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext as _

from qr.codes import MAX_URL_LENGTH
from wards.public_url import is_local_host, ward_base_url

# Lower case without look-alikes (0/o, 1/l/i): people type the code they read on the poster.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 5
PATH_PREFIX = "/q/"
CACHE_SECONDS = 60  # per-process caches (no Redis) forget a retired code within this time


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def short_link_base(ward) -> str:
    """Scheme and host of the ward's site as people reach it, e.g. "https://hoaan.gov.vn"."""
    return ward_base_url(ward)


def short_url(ward, code: str) -> str:
    return f"{short_link_base(ward)}{PATH_PREFIX}{code}"


def host_problem(ward) -> str | None:
    """Why this ward's short links would not fit a small QR code, in Vietnamese; None if they fit."""
    length = len(short_url(ward, "x" * CODE_LENGTH))
    if length <= MAX_URL_LENGTH:
        return None
    return _(
        "Tên miền của %(ward)s dài quá: đường dẫn ngắn sẽ dài %(length)s ký tự, quá %(max)s ký tự "
        "để mã QR nhỏ và dễ quét. Hãy đặt cho trang của phường một tên miền ngắn hơn "
        "(Cài đặt → Trang web), ví dụ hoaan.gov.vn."
    ) % {"ward": ward.name, "length": length, "max": MAX_URL_LENGTH}


def host_warning(ward) -> str | None:
    """A warning, in Vietnamese, when the printed address only works on this machine or network."""
    if not is_local_host(ward.site.hostname):
        return None
    return _(
        "Áp phích sẽ in địa chỉ %(url)s: đây là địa chỉ nội bộ, điện thoại của người dân quét mã "
        "sẽ không mở được. Trước khi in thật, hãy đặt tên miền công khai của phường tại "
        "Cài đặt → Trang web."
    ) % {"url": short_link_base(ward)}


@dataclass(frozen=True)
class Target:
    """What a code leads to: a live link, a retired one, or nothing."""

    link_id: int | None = None
    url: str = ""  # the procedure page, relative to the ward's site
    retired: bool = False
    procedure_name: str = ""


UNKNOWN = Target()


def _cache_key(code: str) -> str:
    return f"qr:link:{code}"


def lookup(code: str) -> Target:
    """The target of a code: from the cache, else one query (then cached)."""
    code = code.lower()
    if len(code) > 12 or not code.isalnum():
        return UNKNOWN
    target = cache.get(_cache_key(code))
    if target is None:
        target = _resolve(code)
        cache.set(_cache_key(code), target, CACHE_SECONDS)
    return target


def _resolve(code: str) -> Target:
    from qr.models import ProcedureIndexPage, ShortLink

    link = (
        ShortLink.objects.filter(code=code)
        .select_related("procedure", "placement", "placement__ward__site")
        .first()
    )
    if link is None:
        return UNKNOWN
    ward = link.placement.ward
    index = (
        ProcedureIndexPage.objects.live().descendant_of(ward.site.root_page).first()
        if link.procedure.active
        else None
    )
    url = f"{index.relative_url(ward.site)}{link.procedure.slug}/" if index else ""
    if not link.is_live or not url:
        return Target(retired=True, url=url, procedure_name=link.procedure.name)
    return Target(link_id=link.pk, url=url, procedure_name=link.procedure.name)


def forget(codes) -> None:
    """Drop cached targets after a link, its procedure, placement or index page changed."""
    cache.delete_many([_cache_key(code) for code in codes])

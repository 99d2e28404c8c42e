"""Tracked codes: their addresses, and the visit log they share with poster scans.

A printed or pasted code lives under `/t/<code>`; a loudspeaker code is spoken, so it is a word
and a number with no prefix ("phuongso.vn/loa7"). Visits are classified by qr.scanlog, the same
bot, prefetch and daily-visitor rules as poster scans, so the two counts mean the same thing.
"""

import logging

from django.db import DatabaseError
from django.utils import timezone

from campaigns.models import CodeVisit, TrackedCode
from qr import scanlog
from qr.shortlinks import new_code, short_link_base

logger = logging.getLogger(__name__)

PRINTED_PREFIX = "/t/"
SPOKEN_WORD = "loa"


def printed_code() -> str:
    """A fresh random code (the poster alphabet: no look-alikes), never one already used."""
    while True:
        code = new_code()
        if not TrackedCode.objects.filter(code=code).exists():
            return code


def spoken_code() -> str:
    """The next free "loa<N>": short enough to say once over a loudspeaker and remember."""
    numbers = [
        int(code[len(SPOKEN_WORD) :])
        for code in TrackedCode.objects.filter(code__startswith=SPOKEN_WORD).values_list(
            "code", flat=True
        )
        if code[len(SPOKEN_WORD) :].isdigit()
    ]
    return f"{SPOKEN_WORD}{max(numbers, default=0) + 1}"


def is_spoken(code: str) -> bool:
    return code.startswith(SPOKEN_WORD) and code[len(SPOKEN_WORD) :].isdigit()


def url_of(tracked: TrackedCode, ward) -> str:
    prefix = "/" if is_spoken(tracked.code) else PRINTED_PREFIX
    return f"{short_link_base(ward)}{prefix}{tracked.code}"


def display_url(url: str) -> str:
    # What is read aloud or typed: the scheme adds nothing but length.
    return url.removeprefix("https://").removeprefix("http://")


def visit_record(request, tracked: TrackedCode) -> None:
    """One INSERT, on the scan log's own connection; prefetches are not visits, and a failed log
    never blocks the resident."""
    if request.method != "GET" or scanlog.is_prefetch(request):
        return
    user_agent = request.headers.get("User-Agent", "")[:512]
    now = timezone.now()
    try:
        CodeVisit.objects.using(scanlog.log_database()).create(
            code=tracked,
            at=now,
            device=scanlog.device_of(user_agent),
            is_bot=scanlog.is_bot(user_agent),
            visitor=scanlog.visitor_hash(
                scanlog.client_address(request), user_agent, timezone.localdate(now)
            ),
        )
    except DatabaseError:
        logger.warning("visit of tracked code %s not logged", tracked.pk, exc_info=True)

"""The province report, kept for a minute between the leaders who read it.

Across hundreds of wards a report takes a few hundred milliseconds to build, and every
province administrator asks for the same one. The key holds everything the figures depend on
that can change without notice: the wards' last roll-up rebuild, the last target set and the
last official figure imported. So a rebuild (every few minutes), a new target or an imported
figure shows on the next request; only what is read raw in between (ratings, petitions) may be
up to PROVINCE_REPORT_CACHE_SECONDS older than the page.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Min
from django.utils.translation import get_language

from stats.models import OfficialFigure, WardRollup, WardTarget
from stats.report import build_report


def _stamp(ward_ids) -> tuple:
    rebuilt = WardRollup.objects.filter(ward_id__in=ward_ids).aggregate(
        oldest=Min("built_at"), newest=Max("built_at")
    )
    targets = WardTarget.objects.filter(ward_id__in=ward_ids).aggregate(last=Max("updated_at"))
    official = OfficialFigure.objects.filter(ward_id__in=ward_ids).aggregate(
        last=Max("imported_at")
    )
    return rebuilt["oldest"], rebuilt["newest"], targets["last"], official["last"]


def _key(ward_ids, options: dict) -> str:
    parts = [
        ",".join(map(str, sorted(ward_ids))),
        *(f"{name}={options[name]}" for name in sorted(options)),
        get_language() or "",
        *map(str, _stamp(ward_ids)),
    ]
    return "stats:province:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def province_report(*, wards, **options):
    """build_report(province=True, …), from the cache when the same report was built lately."""
    seconds = settings.PROVINCE_REPORT_CACHE_SECONDS
    wards = list(wards)
    if not seconds:
        return build_report(wards=wards, province=True, **options)
    key = _key([w.pk for w in wards], options)
    report = cache.get(key)
    if report is None:
        report = build_report(wards=wards, province=True, **options)
        cache.set(key, report, seconds)
    return report

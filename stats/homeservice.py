"""Leaders' counts of home service: vulnerable households found and served, time to submission,
the share within the promise (SLA), and residents who later did a procedure online on their own.

Counts only, hidden under 5 by stats.cells like every other figure. Read straight from the
requests (a ward has hundreds, not millions), bounded by the wards and the period.
"""

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from homeservice.lifecycle import Status
from homeservice.models import ServiceRequest, Vulnerability
from stats.cells import People, Share, hidden, number
from wards.models import AdoptionEvent, Milestone

SERVED = [Status.DELIVERED, Status.CLOSED]


@dataclass(frozen=True)
class HomeServiceFigures:
    requests: People  # asked for in the period
    vulnerable: People  # households with a current vulnerability record
    served: Share  # of those, households whose request was delivered
    median_days: str  # request → online submission, for requests submitted in the period
    within_sla: Share  # of the requests submitted in the period, those by their due date
    later_on_own: People  # served residents with a later online submission of their own


def _bounds(start: datetime.date, end: datetime.date):
    tz = timezone.get_current_timezone()
    low = datetime.datetime.combine(start, datetime.time.min, tz)
    high = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tz)
    return low, high


def figures(*, wards, start: datetime.date, end: datetime.date) -> HomeServiceFigures | None:
    ward_ids = [ward.pk for ward in wards]
    requests = ServiceRequest.objects.filter(ward_id__in=ward_ids)
    if not requests.exists() and not Vulnerability.objects.filter(ward_id__in=ward_ids).exists():
        return None
    low, high = _bounds(start, end)
    vulnerable = set(
        Vulnerability.objects.current()
        .filter(ward_id__in=ward_ids)
        .values_list("household_id", flat=True)
        .distinct()
    )
    served = set(
        requests.filter(status__in=SERVED, household_id__in=vulnerable)
        .values_list("household_id", flat=True)
        .distinct()
    )
    submitted = list(
        requests.filter(submitted_at__gte=low, submitted_at__lt=high).values_list(
            "created_at", "submitted_at", "due_on"
        )
    )
    days = [(done - asked).total_seconds() / 86400 for asked, done, _due in submitted]
    on_time = sum(1 for _asked, done, due in submitted if timezone.localdate(done) <= due)
    own = AdoptionEvent.objects.filter(
        resident_id=OuterRef("resident_id"),
        milestone=Milestone.ONLINE_SUBMISSION,
        occurred_on__gt=OuterRef("submitted_at__date"),
    )
    later = (
        requests.filter(status__in=SERVED, resident__isnull=False, submitted_at__isnull=False)
        .annotate(own=Exists(own))
        .filter(own=True)
        .values("resident_id")
        .distinct()
        .count()
    )
    return HomeServiceFigures(
        requests=People(requests.filter(created_at__gte=low, created_at__lt=high).count()),
        vulnerable=People(len(vulnerable)),
        served=Share.of(len(served), len(vulnerable)),
        median_days="<5" if hidden(len(days)) else number(statistics.median(days), 1),
        within_sla=Share.of(on_time, len(submitted)),
        later_on_own=People(later),
    )


__all__ = ["HomeServiceFigures", "figures"]

"""What an offline campaign brought: visits of its codes, conversions near it, and a comparison.

Reads only, every query filtered to the outreach's ward. A conversion is a resident who reached
the outreach's goal milestone (`Outreach.goal`, which every outreach names, so no milestone has to
be guessed from its kind) within `WINDOW_DAYS` days from a start date, counted once however many
events they have. Counts are aggregated in the database, one query per question, never per person.

Start dates: a leaflet or group post starts the day it was created (the model keeps no date of
distribution); a broadcast slot starts the day it was confirmed as played, and a loudspeaker
campaign on its first confirmed slot.
"""

import datetime
import math
from dataclasses import dataclass
from statistics import NormalDist

from django.db.models import Count, Q
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import BroadcastSlot, Outreach, TrackedCode
from wards.models import AdoptionEvent, Area, Resident

WINDOW_DAYS = 14
# Below this many residents in either group the normal approximation says little.
MIN_RESIDENTS = 30
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Window:
    """Days `first` to `last`, both included."""

    first: datetime.date
    last: datetime.date

    @classmethod
    def after(cls, start: datetime.date) -> "Window":
        return cls(start, start + datetime.timedelta(days=WINDOW_DAYS - 1))

    @classmethod
    def before(cls, start: datetime.date) -> "Window":
        return cls(start - datetime.timedelta(days=WINDOW_DAYS), start - datetime.timedelta(days=1))


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def outreach_start(outreach: Outreach) -> datetime.date | None:
    """None for a loudspeaker campaign that has not been played yet."""
    if outreach.kind != Outreach.Kind.LOUDSPEAKER:
        return _day(outreach.created_at)
    first = (
        outreach.slots.filter(confirmed_at__isnull=False)
        .order_by("confirmed_at")
        .values_list("confirmed_at", flat=True)
        .first()
    )
    return _day(first) if first else None


def _converted(outreach: Outreach, buckets: dict[str, tuple[list[int], Window]]) -> dict[str, int]:
    """Distinct residents reaching the goal, per named (areas, window), in one query."""
    if not buckets:
        return {}
    events = AdoptionEvent.objects.filter(
        resident__household__ward=outreach.ward, milestone=outreach.goal
    )
    counts = {
        name: Count(
            "resident",
            distinct=True,
            filter=Q(
                resident__household__area__in=areas,
                occurred_on__range=(window.first, window.last),
            ),
        )
        for name, (areas, window) in buckets.items()
    }
    return events.aggregate(**counts)


def per_hundred(conversions: int, leaflets: int) -> float | None:
    """Conversions per 100 leaflets; None when no leaflet is counted (shown as "—")."""
    return conversions * 100 / leaflets if leaflets > 0 else None


@dataclass(frozen=True)
class CodeRow:
    code: TrackedCode
    visits: int
    visitors: int
    # Only for a code of one area (a leaflet's); the others have no residents of their own.
    conversions: int | None = None
    leaflets: int = 0
    per_hundred: float | None = None


def _codes_with_visits(outreach: Outreach):
    people = Q(visits__is_bot=False)
    return (
        outreach.codes.select_related("area")
        .annotate(
            visit_count=Count("visits", filter=people),
            # `visitor` is a daily hash (qr.scanlog): one person on two days counts twice.
            visitor_count=Count("visits__visitor", filter=people, distinct=True),
        )
        .order_by("area__code", "pk")
    )


def code_attribution(outreach: Outreach) -> tuple[Window, list[CodeRow]]:
    """Per tracked code: people's visits, unique visitors, and for an area's code the conversions
    in that area within the window from the outreach's start, per 100 leaflets distributed (or
    printed, when none is recorded as distributed)."""
    window = Window.after(outreach_start(outreach) or _day(outreach.created_at))
    codes = list(_codes_with_visits(outreach))
    converted = _converted(
        outreach, {str(c.pk): ([c.area_id], window) for c in codes if c.area_id is not None}
    )
    rows = []
    for code in codes:
        row = {"code": code, "visits": code.visit_count, "visitors": code.visitor_count}
        if code.area_id is not None:
            leaflets = code.distributed or code.printed
            conversions = converted[str(code.pk)]
            row |= {
                "conversions": conversions,
                "leaflets": leaflets,
                "per_hundred": per_hundred(conversions, leaflets),
            }
        rows.append(CodeRow(**row))
    return window, rows


def group_link_attribution(outreach: Outreach) -> list[CodeRow]:
    """Per group link: people's visits and unique visitors (a group has no residents to count)."""
    return [
        CodeRow(code=c, visits=c.visit_count, visitors=c.visitor_count)
        for c in _codes_with_visits(outreach).filter(area__isnull=True)
    ]


@dataclass(frozen=True)
class SlotRow:
    slot: BroadcastSlot
    window: Window
    conversions: int


def slot_attribution(outreach: Outreach) -> list[SlotRow]:
    """Per confirmed broadcast slot: conversions in its area within the window from the day it
    was confirmed as played. Slots not yet played are left out."""
    slots = list(
        outreach.slots.filter(confirmed_at__isnull=False)
        .select_related("area")
        .order_by("confirmed_at")
    )
    windows = {slot.pk: Window.after(_day(slot.confirmed_at)) for slot in slots}
    converted = _converted(outreach, {str(s.pk): ([s.area_id], windows[s.pk]) for s in slots})
    return [SlotRow(s, windows[s.pk], converted[str(s.pk)]) for s in slots]


@dataclass(frozen=True)
class DiD:
    covered: int
    covered_before: int
    covered_after: int
    uncovered: int
    uncovered_before: int
    uncovered_after: int
    estimate: float | None
    low: float | None
    high: float | None

    @property
    def enough_residents(self) -> bool:
        return min(self.covered, self.uncovered) >= MIN_RESIDENTS

    @property
    def spans_zero(self) -> bool:
        return self.estimate is None or self.low <= 0 <= self.high


def difference_in_differences(
    covered: int,
    covered_before: int,
    covered_after: int,
    uncovered: int,
    uncovered_before: int,
    uncovered_after: int,
    confidence: float = CONFIDENCE,
) -> DiD:
    """The change in the covered areas' conversion rate less the change in the other areas'.

    With p_cb, p_ca the covered residents' rates before and after (n_c residents) and p_ub, p_ua
    the uncovered ones' (n_u residents):

        estimate = (p_ca − p_cb) − (p_ua − p_ub)
        var      = p_ca(1 − p_ca)/n_c + p_cb(1 − p_cb)/n_c + p_ua(1 − p_ua)/n_u + p_ub(1 − p_ub)/n_u
        interval = estimate ± z · √var,   z = Φ⁻¹(1/2 + confidence/2) ≈ 1.96 at 95 %

    The four proportions are treated as independent (normal approximation); the same residents
    appear before and after, so the true variance is somewhat smaller and the interval errs
    wide. No estimate when either group has no residents.
    """
    counts = (covered, covered_before, covered_after, uncovered, uncovered_before, uncovered_after)
    if covered <= 0 or uncovered <= 0:
        return DiD(*counts, estimate=None, low=None, high=None)
    rates = {
        "cb": covered_before / covered,
        "ca": covered_after / covered,
        "ub": uncovered_before / uncovered,
        "ua": uncovered_after / uncovered,
    }
    estimate = (rates["ca"] - rates["cb"]) - (rates["ua"] - rates["ub"])
    variance = sum(
        rate * (1 - rate) / (covered if key[0] == "c" else uncovered) for key, rate in rates.items()
    )
    margin = NormalDist().inv_cdf(0.5 + confidence / 2) * math.sqrt(variance)
    return DiD(*counts, estimate=estimate, low=estimate - margin, high=estimate + margin)


def _points(rate: float) -> str:
    return floatformat(rate * 100, 1)


def did_sentence(did: DiD) -> str:
    """A plain Vietnamese sentence for staff and leaders."""
    if not did.enough_residents:
        return _(
            "Chưa đủ bằng chứng: khu phố được phủ có %(covered)s người dân, khu phố còn lại có "
            "%(uncovered)s người; cần ít nhất %(min)s người mỗi nhóm để so sánh."
        ) % {"covered": did.covered, "uncovered": did.uncovered, "min": MIN_RESIDENTS}
    values = {"estimate": _points(did.estimate), "low": _points(did.low), "high": _points(did.high)}
    if did.spans_zero:
        return (
            _(
                "Chưa đủ bằng chứng: chênh lệch ước tính là %(estimate)s điểm phần trăm, nhưng "
                "khoảng tin cậy 95 %% (từ %(low)s đến %(high)s điểm phần trăm) có cả số 0, nên "
                "thay đổi này có thể chỉ do ngẫu nhiên."
            )
            % values
        )
    return (
        _(
            "So với các khu phố không được phủ, tỷ lệ đạt mục tiêu ở khu phố được phủ thay đổi "
            "%(estimate)s điểm phần trăm sau khi bắt đầu: khoảng %(low)s đến %(high)s điểm phần "
            "trăm (độ tin cậy 95 %%)."
        )
        % values
    )


@dataclass(frozen=True)
class AreaComparison:
    start: datetime.date
    before: Window
    after: Window
    covered_areas: list[Area]
    did: DiD
    sentence: str


def covered_area_ids(outreach: Outreach) -> set[int]:
    if outreach.kind == Outreach.Kind.LOUDSPEAKER:
        slots = outreach.slots.filter(confirmed_at__isnull=False)
        return set(slots.values_list("area_id", flat=True))
    return set(outreach.codes.exclude(area=None).values_list("area_id", flat=True))


def area_comparison(outreach: Outreach) -> AreaComparison | None:
    """Difference-in-differences for a channel nobody clicks (loudspeaker, and leaflets too):
    the ward's covered areas against its other areas, conversion rate per resident in the
    `WINDOW_DAYS` days before against the days from the outreach's start. None for a group post
    (no areas) and for a loudspeaker campaign not yet played."""
    if outreach.kind == Outreach.Kind.GROUP_POST:
        return None
    start = outreach_start(outreach)
    if start is None:
        return None
    covered = covered_area_ids(outreach)
    ward_areas = list(Area.objects.filter(ward=outreach.ward).order_by("code"))
    uncovered = [a.pk for a in ward_areas if a.pk not in covered]
    before, after = Window.before(start), Window.after(start)
    residents = Resident.objects.filter(household__ward=outreach.ward).aggregate(
        covered=Count("pk", filter=Q(household__area__in=covered)),
        uncovered=Count("pk", filter=Q(household__area__in=uncovered)),
    )
    converted = _converted(
        outreach,
        {
            "covered_before": (list(covered), before),
            "covered_after": (list(covered), after),
            "uncovered_before": (uncovered, before),
            "uncovered_after": (uncovered, after),
        },
    )
    did = difference_in_differences(
        residents["covered"],
        converted["covered_before"],
        converted["covered_after"],
        residents["uncovered"],
        converted["uncovered_before"],
        converted["uncovered_after"],
    )
    return AreaComparison(
        start=start,
        before=before,
        after=after,
        covered_areas=[a for a in ward_areas if a.pk in covered],
        did=did,
        sentence=did_sentence(did),
    )

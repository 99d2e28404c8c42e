"""Attribution of offline outreach: per code, per slot, per group, and covered against uncovered."""

import datetime
import math

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from campaigns.models import CodeVisit, Outreach, TrackedCode
from campaigns.offline import attribution, services
from campaigns.offline.attribution import Window, did_sentence, difference_in_differences
from tests import factories
from wards.models import EventSource, Milestone
from wards.services import adoption_events_record

GOAL = Milestone.VNEID_LEVEL2_ACTIVATED
Z95 = 1.959963984540054


def test_difference_in_differences_matches_a_hand_computation():
    # Covered: 100 residents, 5 converted before, 20 after; uncovered: 200, 10 before, 14 after.
    did = difference_in_differences(100, 5, 20, 200, 10, 14)
    assert math.isclose(did.estimate, (0.20 - 0.05) - (0.07 - 0.05))  # 0.13
    variance = 0.2 * 0.8 / 100 + 0.05 * 0.95 / 100 + 0.07 * 0.93 / 200 + 0.05 * 0.95 / 200
    assert math.isclose(variance, 0.002638)
    assert math.isclose(did.low, 0.13 - Z95 * math.sqrt(variance))  # 0.0293
    assert math.isclose(did.high, 0.13 + Z95 * math.sqrt(variance))  # 0.2307
    text = did_sentence(did)
    assert "khoảng 2,9 đến 23,1 điểm phần trăm" in text and "13,0 điểm" in text
    assert "Chưa đủ bằng chứng" not in text


def test_an_interval_across_zero_is_not_enough_evidence():
    did = difference_in_differences(100, 5, 8, 100, 5, 6)  # +2 points, ±≈9
    assert did.low < 0 < did.high
    text = did_sentence(did)
    assert text.startswith("Chưa đủ bằng chứng") and "có cả số 0" in text


def test_too_few_residents_is_not_enough_evidence_whatever_the_rates():
    text = did_sentence(difference_in_differences(29, 0, 29, 500, 0, 0))
    assert text.startswith("Chưa đủ bằng chứng") and "29 người dân" in text and "30" in text


def test_no_residents_gives_no_estimate():
    did = difference_in_differences(0, 0, 0, 40, 1, 2)
    assert did.estimate is None and did.spans_zero
    assert did_sentence(did).startswith("Chưa đủ bằng chứng")


def _group(draw, residents):
    n = draw(residents)
    return n, draw(st.integers(0, n)), draw(st.integers(0, n))


@st.composite
def counts(draw):
    residents = st.one_of(st.just(0), st.integers(0, 60), st.integers(0, 10**12))
    return (*_group(draw, residents), *_group(draw, residents))


@given(counts())
def test_the_interval_holds_its_estimate_for_any_counts(values):
    did = difference_in_differences(*values)
    if did.estimate is None:
        assert 0 in (values[0], values[3])
    else:
        assert did.low <= did.estimate <= did.high
        assert -2 <= did.estimate <= 2  # each difference of rates is within ±1
    assert did_sentence(did)


def test_windows_are_fourteen_days_either_side_of_the_start():
    start = datetime.date(2026, 3, 10)
    assert Window.after(start) == Window(start, datetime.date(2026, 3, 23))
    assert Window.before(start) == Window(datetime.date(2026, 2, 24), datetime.date(2026, 3, 9))
    assert attribution.per_hundred(3, 200) == 1.5 and attribution.per_hundred(3, 0) is None


# --- against the database -------------------------------------------------------------------


def residents_of(area, n):
    return [factories.resident(factories.household(area), full_name=f"Người {i}") for i in range(n)]


def reached(people, day, milestone=GOAL):
    adoption_events_record(
        events=[
            {
                "resident": p,
                "milestone": milestone,
                "occurred_on": day,
                "source": EventSource.SELF_REPORT,
                "verified": False,
            }
            for p in people
        ]
    )


def visit(code, visitor, *, bot=False):
    CodeVisit.objects.create(code=code, device="mobile", is_bot=bot, visitor=visitor)


@pytest.fixture
def ten_areas(two_wards):
    """A leaflet for ten areas of ward A (each with 3 residents), two more areas left uncovered."""
    ward = two_wards.a
    covered = [factories.area(ward, f"c{i:02d}", f"Khu phố C{i}") for i in range(10)]
    people = {area.pk: residents_of(area, 3) for area in [*covered, two_wards.a2]}
    outreach = services.outreach_create(
        ward=ward,
        by=two_wards.users["communications"],
        kind=Outreach.Kind.LEAFLET,
        areas=covered,
        printed=200,
        name="Tờ rơi",
        goal=GOAL,
        text="Kích hoạt VNeID mức 2",
        paper="A5",
    )
    return outreach, covered, people


def test_codes_count_people_visitors_and_conversions_per_hundred_leaflets(
    two_wards, ten_areas, django_assert_max_num_queries
):
    outreach, covered, people = ten_areas
    start = timezone.localdate(outreach.created_at)
    first = outreach.codes.get(area=covered[0])
    services.leaflet_counts_set(code=first, printed=200, distributed=150)
    for visitor in ("v1", "v1", "v2"):
        visit(first, visitor)
    visit(first, "bot", bot=True)
    reached(people[covered[0].pk][:2], start + datetime.timedelta(days=3))
    reached(people[covered[0].pk][2:], start + datetime.timedelta(days=14))  # day 15: outside
    reached(people[covered[1].pk][:1], start - datetime.timedelta(days=1))  # before: outside
    reached(people[covered[1].pk][1:2], start, Milestone.CASHLESS_PAYMENT)  # not the goal
    reached(residents_of(two_wards.b1, 1), start)  # another ward's area

    # Constant in the number of areas: two for the codes, four for the comparison.
    with django_assert_max_num_queries(6):
        window, rows = attribution.code_attribution(outreach)
        comparison = attribution.area_comparison(outreach)
    assert window == Window.after(start)
    assert len(rows) == 10
    row = next(r for r in rows if r.code == first)
    assert (row.visits, row.visitors, row.conversions, row.leaflets) == (3, 2, 2, 150)
    assert math.isclose(row.per_hundred, 2 * 100 / 150)
    other = next(r for r in rows if r.code.area == covered[1])
    assert (other.visits, other.conversions, other.leaflets) == (0, 0, 200)

    # 30 covered residents: 1 converted before (c01), 2 after (c00); uncovered: a1's and a2's own
    # resident and the 3 added to a2.
    did = comparison.did
    assert (did.covered, did.covered_before, did.covered_after) == (30, 1, 2)
    assert (did.uncovered, did.uncovered_before, did.uncovered_after) == (5, 0, 0)
    assert comparison.covered_areas == covered
    assert comparison.sentence.startswith("Chưa đủ bằng chứng") and "5 người" in comparison.sentence


def test_a_code_with_nothing_printed_has_no_rate(ten_areas):
    outreach, covered, _ = ten_areas
    TrackedCode.objects.filter(outreach=outreach).update(printed=0, distributed=0)
    _, rows = attribution.code_attribution(outreach)
    assert all(r.per_hundred is None and r.leaflets == 0 for r in rows)


def test_slots_count_conversions_from_their_confirmation_only(two_wards):
    ward, comms = two_wards.a, two_wards.users["communications"]
    outreach = services.outreach_create(
        ward=ward, by=comms, kind=Outreach.Kind.LOUDSPEAKER, name="Loa", goal=GOAL, text="Mời"
    )
    soon = timezone.now() + datetime.timedelta(hours=1)
    played = services.slot_add(outreach=outreach, area=two_wards.a1, starts_at=soon)
    services.slot_add(outreach=outreach, area=two_wards.a2, starts_at=soon)
    assert attribution.area_comparison(outreach) is None  # nothing played yet
    services.slot_confirm(slot=played, by=comms)
    today = timezone.localdate()
    reached(residents_of(two_wards.a1, 2), today + datetime.timedelta(days=2))
    reached(residents_of(two_wards.a2, 1), today)  # a2's slot was never played

    rows = attribution.slot_attribution(outreach)
    assert [(r.slot, r.conversions) for r in rows] == [(played, 2)]
    assert rows[0].window == Window.after(today)
    comparison = attribution.area_comparison(outreach)
    assert comparison.covered_areas == [two_wards.a1] and comparison.start == today
    assert (comparison.did.covered_after, comparison.did.uncovered_after) == (2, 1)


def test_group_links_count_visits_and_visitors(two_wards):
    outreach = services.outreach_create(
        ward=two_wards.a,
        by=two_wards.users["communications"],
        kind=Outreach.Kind.GROUP_POST,
        groups=["Zalo Khu phố 1", "Zalo Khu phố 2"],
        name="Bài đăng",
        goal=GOAL,
        text="Mời",
    )
    first, second = outreach.codes.order_by("pk")
    for visitor in ("a", "b", "b"):
        visit(first, visitor)
    visit(second, "preview", bot=True)
    rows = attribution.group_link_attribution(outreach)
    assert [(r.code.label, r.visits, r.visitors) for r in rows] == [
        ("Zalo Khu phố 1", 3, 2),
        ("Zalo Khu phố 2", 0, 0),
    ]
    assert attribution.area_comparison(outreach) is None


def test_a_ward_covered_everywhere_has_nobody_to_compare_with(two_wards):
    comms = two_wards.users["communications"]
    outreach = services.outreach_create(
        ward=two_wards.a, by=comms, kind=Outreach.Kind.LOUDSPEAKER, name="Loa", goal=GOAL, text="x"
    )
    soon = timezone.now() + datetime.timedelta(hours=1)
    for area in (two_wards.a1, two_wards.a2):
        services.slot_confirm(
            slot=services.slot_add(outreach=outreach, area=area, starts_at=soon), by=comms
        )
    comparison = attribution.area_comparison(outreach)
    assert comparison.did.uncovered == 0 and comparison.did.estimate is None
    assert "khu phố còn lại có 0 người" in comparison.sentence

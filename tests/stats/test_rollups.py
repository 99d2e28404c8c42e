"""The roll-ups equal counts from the raw rows: after events, after a run, across month ends."""

import datetime

import pytest
from django.db import transaction
from django_q.models import Schedule

from campaigns.models import Campaign, ChannelAccount
from stats import campaign_rollups, figures, periods, rollups, tasks
from stats.models import AdoptionDay, AreaSnapshot, WardRollup
from tests.stats.conftest import person, raw_reached, reach
from wards import changes
from wards.models import AdoptionEvent, ChangeMark, EventSource, Milestone
from wards.services import resident_delete

TODAY = datetime.date(2026, 3, 15)
D = datetime.date


def reached(ward, milestone, start, end, area=None) -> int:
    scope = figures.Scope((ward.pk,), None if area is None else (area.pk,))
    rows = figures.adoption_between(scope, start, end, by_unit=False)
    return rows.get((milestone,), {}).get("reached", 0)


def ranges():
    """Whole months, partial months at either end, single days and the first/last of months."""
    yield periods.EPOCH, TODAY
    for end in (D(2025, 1, 31), D(2025, 2, 1), D(2025, 6, 15), D(2025, 12, 31), D(2026, 1, 1)):
        yield periods.EPOCH, end
    yield D(2025, 1, 10), D(2025, 1, 20)  # inside one month
    yield D(2025, 1, 31), D(2025, 2, 1)  # across a month end
    yield D(2025, 3, 1), D(2025, 5, 31)  # whole months only
    yield D(2025, 2, 14), D(2025, 11, 3)  # partial, whole, partial
    yield D(2025, 7, 1), D(2025, 7, 1)


def test_rollups_equal_raw_counts_for_every_range_milestone_and_area(busy_ward):
    w = busy_ward
    assert ChangeMark.objects.filter(ward_id=w.a.pk).exists()
    rebuilt = rollups.rollup_dirty(today=TODAY)
    assert w.a.pk in rebuilt and not ChangeMark.objects.exists()
    checked = 0
    for start, end in ranges():
        for milestone in Milestone.values:
            for area in (None, w.a1, w.a2):
                expected = raw_reached(
                    ward=w.a, milestone=milestone, start=start, end=end, today=TODAY, area=area
                )
                assert reached(w.a, milestone, start, end, area) == expected, (
                    start,
                    end,
                    milestone,
                    area,
                )
                checked += expected
    assert checked > 100  # the ranges really contain events


def test_monthly_trend_equals_raw_cumulative_counts_at_each_month_end(busy_ward):
    w = busy_ward
    rollups.rollup_ward(ward=w.a, today=TODAY)
    start, end = D(2025, 2, 14), D(2026, 3, 10)
    trend = figures.adoption_by_month(figures.Scope((w.a.pk,)), start, end)
    assert list(trend) == periods.months(start, end)
    for month, counts in trend.items():
        last = min(periods.month_end(month), end)
        for milestone in Milestone.values:
            assert counts[milestone] == raw_reached(
                ward=w.a, milestone=milestone, start=periods.EPOCH, end=last, today=TODAY
            ), (month, milestone)


def test_every_event_of_an_adult_is_counted_once(busy_ward):
    w = busy_ward
    rollups.rollup_ward(ward=w.a, today=TODAY)
    adults = AdoptionEvent.objects.filter(
        resident__household__ward=w.a, resident__birth_year__lte=TODAY.year - 18
    )
    assert sum(AdoptionDay.objects.filter(ward=w.a).values_list("events", flat=True)) == (
        adults.count()
    )


def test_a_new_event_counts_after_the_next_run_and_not_before(two_wards):
    w = two_wards
    resident = person(w.a1, "Lê Văn Tám", birth_year=1960)
    rollups.rollup_ward(ward=w.a, today=TODAY)
    assert reached(w.a, Milestone.CASHLESS_PAYMENT, periods.EPOCH, TODAY) == 0

    reach(resident, Milestone.CASHLESS_PAYMENT, D(2026, 2, 28))
    assert reached(w.a, Milestone.CASHLESS_PAYMENT, periods.EPOCH, TODAY) == 0  # not yet
    assert ChangeMark.objects.filter(ward_id=w.a.pk).exists()

    rollups.rollup_dirty(today=TODAY)
    assert reached(w.a, Milestone.CASHLESS_PAYMENT, periods.EPOCH, D(2026, 2, 27)) == 0
    assert reached(w.a, Milestone.CASHLESS_PAYMENT, D(2026, 2, 28), D(2026, 3, 1)) == 1
    assert not ChangeMark.objects.exists()


def test_a_back_dated_event_moves_the_first_day_to_an_earlier_month(two_wards):
    w = two_wards
    resident = person(w.a1, "Phạm Thị Hoa", birth_year=1970)
    reach(resident, Milestone.ONLINE_SUBMISSION, D(2026, 3, 2))
    rollups.rollup_dirty(today=TODAY)
    assert reached(w.a, Milestone.ONLINE_SUBMISSION, D(2026, 3, 1), D(2026, 3, 31)) == 1

    # Recorded later, it happened in January: the resident counts from January, once.
    reach(resident, Milestone.ONLINE_SUBMISSION, D(2026, 1, 31), EventSource.IMPORT)
    rollups.rollup_dirty(today=TODAY)
    assert reached(w.a, Milestone.ONLINE_SUBMISSION, D(2026, 1, 1), D(2026, 1, 31)) == 1
    assert reached(w.a, Milestone.ONLINE_SUBMISSION, D(2026, 2, 1), D(2026, 3, 31)) == 0
    row = AdoptionDay.objects.get(ward=w.a, milestone=Milestone.ONLINE_SUBMISSION, reached=1)
    assert (row.day, row.by_visit, row.events) == (D(2026, 1, 31), 0, 1)


def test_a_change_rolled_back_leaves_no_dirty_mark(two_wards):
    resident = person(two_wards.a1, "Đỗ Văn Hùng")
    ChangeMark.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        reach(resident, Milestone.VNEID_LEVEL1, TODAY)
        raise RuntimeError("the visit failed")
    assert not ChangeMark.objects.exists()


def test_a_deleted_resident_leaves_the_counts_at_the_next_run(two_wards):
    w = two_wards
    resident = person(w.a2, "Vũ Thị Lan")
    reach(resident, Milestone.PUBLIC_SERVICE_ACCOUNT, D(2026, 1, 5))
    rollups.rollup_dirty(today=TODAY)
    assert reached(w.a, Milestone.PUBLIC_SERVICE_ACCOUNT, periods.EPOCH, TODAY) == 1
    resident_delete(resident=resident)
    rollups.rollup_dirty(today=TODAY)
    assert reached(w.a, Milestone.PUBLIC_SERVICE_ACCOUNT, periods.EPOCH, TODAY) == 0


def test_residents_become_adults_in_the_year_they_turn_18(two_wards):
    w = two_wards
    teen = person(w.a1, "Ngô Minh Khang", birth_year=2008)
    reach(teen, Milestone.VNEID_LEVEL1, D(2025, 12, 20))
    rollups.rollup_ward(ward=w.a, today=D(2025, 12, 31))
    assert reached(w.a, Milestone.VNEID_LEVEL1, periods.EPOCH, D(2025, 12, 31)) == 0
    rollups.rollup_all(today=D(2026, 1, 1))  # the nightly run of the new year
    assert reached(w.a, Milestone.VNEID_LEVEL1, periods.EPOCH, D(2025, 12, 31)) == 1
    assert WardRollup.objects.get(ward=w.a).built_for == D(2026, 1, 1)


def test_snapshot_counts_people_households_and_overdue_return_visits(two_wards, team_a):
    from tests.stats.conftest import follow_up, visit

    w = two_wards
    old = person(w.a1, "Người Già", birth_year=1940)
    person(w.a1, "Em Bé", birth_year=2020, household=old.household)
    first = visit(old.household, D(2026, 3, 1), team=team_a)
    follow_up(first, D(2026, 3, 10))  # overdue on the 15th
    second = visit(w.households["a1"], D(2026, 3, 2), team=team_a)
    follow_up(second, D(2026, 3, 20))  # open, not yet due
    rollups.rollup_dirty(today=TODAY)
    snapshot = AreaSnapshot.objects.get(area=w.a1)
    # a1: the fixture's resident (1960) + the two above; two households.
    assert (snapshot.residents, snapshot.adults, snapshot.households) == (3, 2, 2)
    assert (snapshot.follow_ups_open, snapshot.follow_ups_overdue) == (2, 1)


def test_visit_rollups_equal_raw_visits_and_first_visits(two_wards, team_a):
    from teams.models import Visit
    from tests.stats.conftest import visit

    w = two_wards
    home = w.households["a1"]
    other = person(w.a1, "Hộ Thứ Hai").household
    visit(home, D(2026, 2, 27), team=team_a)
    visit(home, D(2026, 3, 2), team=team_a, outcome=Visit.Outcome.NOBODY_HOME)
    visit(other, D(2026, 3, 3), team=None)
    visit(home, D(2026, 2, 20), team=team_a)  # synced late: this is the household's first visit
    rollups.rollup_dirty(today=TODAY)
    scope = figures.Scope((w.a.pk,))
    march = figures.visits_between(scope, D(2026, 3, 1), D(2026, 3, 31), ("team_id",))
    assert march[(team_a.pk,)] == {"visits": 1, "met": 0, "households_first": 0}
    assert march[(None,)] == {"visits": 1, "met": 1, "households_first": 1}
    ever = figures.visits_between(scope, periods.EPOCH, TODAY, ("area_id",))
    assert ever[(w.a1.pk,)]["households_first"] == 2
    assert ever[(w.a1.pk,)]["visits"] == Visit.objects.filter(area=w.a1).count() == 4


def test_schedules_keep_the_rollups_current_and_are_created_once(db):
    from wards.schedules import ensure_schedules

    assert Schedule.objects.filter(func="stats.tasks.refresh", minutes=5).count() == 1
    assert Schedule.objects.filter(func="stats.tasks.rebuild_all", schedule_type="D").count() == 1
    nightly = Schedule.objects.get(func="stats.tasks.rebuild_all").next_run
    assert ensure_schedules() >= 4  # a second run (another machine, a re-run) adds nothing
    assert Schedule.objects.filter(func__startswith="stats.tasks.").count() == 2
    assert Schedule.objects.get(func="stats.tasks.rebuild_all").next_run == nightly


def test_every_apps_schedules_are_declared_in_one_list_each(db):
    from wards.schedules import declared

    funcs = {every.func for every in declared()}
    assert {"stats.tasks.refresh", "qr.tasks.roll_up_scans", "campaigns.tasks.tick"} <= funcs
    assert set(Schedule.objects.values_list("func", flat=True)) == funcs
    tick = Schedule.objects.get(func="campaigns.tasks.tick")
    assert (tick.schedule_type, tick.minutes) == ("I", 1)


def test_the_scheduled_task_rebuilds_dirty_wards(two_wards):
    from django_q.tasks import async_task, result

    resident = person(two_wards.a1, "Hồ Văn Nam")
    reach(resident, Milestone.VNEID_LEVEL2_ACTIVATED, D(2026, 1, 9))
    task_id = async_task("stats.tasks.refresh")
    assert result(task_id) >= 1
    assert not ChangeMark.objects.exists()
    assert WardRollup.objects.filter(ward=two_wards.a).exists()


def test_a_refresh_rebuilds_each_campaign_once(dashboard, sent_campaign, monkeypatch):
    """A ward marked for its campaigns is rebuilt by its marks; the sweep of campaigns still
    measuring skips it, and still takes the campaigns of the wards nobody marked."""
    account = ChannelAccount.objects.create(ward=dashboard.b, channel="console", name="B")
    other = Campaign.objects.create(
        ward=dashboard.b,
        name="Nhắc thanh toán",
        goal=Milestone.CASHLESS_PAYMENT,
        channel=account,
        status=Campaign.Status.SENDING,
        started_at=sent_campaign.started_at,
    )
    built = []
    original = campaign_rollups.rollup_campaign

    def counting(*, campaign):
        built.append(campaign.pk)
        original(campaign=campaign)

    monkeypatch.setattr(campaign_rollups, "rollup_campaign", counting)
    monkeypatch.setattr(rollups, "rollup_campaign", counting)
    changes.record(ward_ids=[sent_campaign.ward_id], part=changes.Part.CAMPAIGNS)
    tasks.refresh()
    assert sorted(built) == sorted([sent_campaign.pk, other.pk])

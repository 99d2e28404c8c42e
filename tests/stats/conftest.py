"""Builders for stats tests: adults with dated milestones, visits, and raw counts to check
the roll-ups against."""

import datetime
import uuid

import pytest
from django.db.models import Min
from django.utils import timezone

from stats import rollups
from teams.models import FollowUp, Team, Visit
from tests import factories
from wards.models import AdoptionEvent, EventSource, Resident
from wards.services import adoption_event_record


def person(area, name="Trần Thị Bình", *, birth_year=1970, household=None):
    household = household or factories.household(area, phone="+84912000003")
    return factories.resident(household, full_name=name, birth_year=birth_year, phone="")


def reach(resident, milestone, day, source=EventSource.VISIT):
    return adoption_event_record(
        resident=resident, milestone=milestone, occurred_on=day, source=source, verified=True
    )


def visit(household, day, *, team=None, outcome=Visit.Outcome.DONE, member=None):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    return Visit.objects.create(
        client_uuid=uuid.uuid4(),
        ward=household.ward,
        area=household.area,
        household=household,
        team=team,
        member=member,
        visited_at=moment,
        visited_on=day,
        outcome=outcome,
    )


def follow_up(visit_row, due_on, status=FollowUp.Status.OPEN):
    return FollowUp.objects.create(
        household=visit_row.household,
        visit=visit_row,
        due_on=due_on,
        reason="Quay lại",
        status=status,
    )


def raw_reached(*, ward, milestone, start, end, today, area=None) -> int:
    """Adults (in `today`'s year) whose first event of `milestone` falls in [start, end]."""
    residents = Resident.objects.filter(household__ward=ward, birth_year__lte=today.year - 18)
    if area is not None:
        residents = residents.filter(household__area=area)
    firsts = (
        AdoptionEvent.objects.filter(resident__in=residents, milestone=milestone)
        .values("resident")
        .annotate(first=Min("occurred_on"))
    )
    return sum(1 for row in firsts if start <= row["first"] <= end)


@pytest.fixture
def team_a(two_wards):
    team = Team.objects.create(ward=two_wards.a, name="Tổ công nghệ số A1")
    team.areas.set([two_wards.a1])
    return team


@pytest.fixture
def rebuild():
    """Rebuild one ward's roll-ups as the scheduled task would."""

    def run(ward, today=None):
        return rollups.rollup_ward(ward=ward, today=today or timezone.localdate())

    return run


@pytest.fixture
def dashboard(two_wards):
    """Ward A: 25 adults in three areas (a1: 15, a2: 3, a3: 7); 10 in a1 activated VNeID
    level 2 (4 of them this month), 5 have a public-service account, 5 in a3 pay without cash.
    Ward B: 7 adults, all at level 2. Roll-ups built."""
    from types import SimpleNamespace

    from wards.models import Milestone

    w = two_wards
    today = timezone.localdate()
    long_ago = today - datetime.timedelta(days=200)
    a3 = factories.area(w.a, "a3", "Khu phố Ba")
    a1 = [person(w.a1, f"Nguyễn Văn Một {i}", birth_year=1970) for i in range(14)]
    for i in range(2):
        person(w.a2, f"Trần Thị Hai {i}", birth_year=1980)
    a3_people = [person(a3, f"Lê Văn Ba {i}", birth_year=1990) for i in range(7)]
    person(a3, "Bé Con", birth_year=today.year - 5)  # a child: never counted
    for resident in a1[:6]:
        reach(resident, Milestone.VNEID_LEVEL2_ACTIVATED, long_ago)
    for resident in a1[6:10]:
        reach(resident, Milestone.VNEID_LEVEL2_ACTIVATED, today)
    for resident in a1[:5]:
        reach(resident, Milestone.PUBLIC_SERVICE_ACCOUNT, long_ago, EventSource.IMPORT)
    for resident in a3_people[:5]:
        reach(resident, Milestone.CASHLESS_PAYMENT, long_ago, EventSource.CAMPAIGN)
    b_people = [person(w.b1, f"Phạm Văn Bến {i}", birth_year=1975) for i in range(6)]
    for resident in [*b_people, w.residents["b1"]]:
        reach(resident, Milestone.VNEID_LEVEL2_ACTIVATED, long_ago)
    rollups.rollup_all()
    names = [r.full_name for r in Resident.objects.all()]
    phones = [p for p in Resident.objects.values_list("phone", flat=True) if p]
    phones += [h.household.phone for h in Resident.objects.select_related("household")]
    return SimpleNamespace(
        **vars(w),
        a3=a3,
        today=today,
        names=names,
        phones=sorted({p for p in phones if p}),
        leader=w.users["leader"],
        province=w.users["province_admin"],
    )

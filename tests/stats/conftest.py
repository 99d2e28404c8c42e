"""Builders for stats tests: adults with dated milestones, visits, and raw counts to check
the roll-ups against."""

import datetime
import random
import uuid

import pytest
from django.db.models import Min
from django.utils import timezone

from campaigns.models import Campaign, ChannelAccount, Recipient
from stats import rollups
from teams.models import FollowUp, Team, Visit
from tests import factories
from tests.learning.conftest import tiny_clip  # noqa: F401 - a clip, for the admin write tests
from tests.teams.conftest import teams  # noqa: F401 - the field team, for the feed tests
from wards import changes
from wards.models import AdoptionEvent, EventSource, Milestone, Resident
from wards.services import adoption_event_record

D = datetime.date


def local(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def person(area, name="Trần Thị Bình", *, birth_year=1970, household=None):
    household = household or factories.household(area, phone="+84912000003")
    return factories.resident(household, full_name=name, birth_year=birth_year, phone="")


def reach(resident, milestone, day, source=EventSource.VISIT):
    return adoption_event_record(
        resident=resident, milestone=milestone, occurred_on=day, source=source, verified=True
    )


def visit(household, day, *, team=None, outcome=Visit.Outcome.DONE, member=None):
    """A raw visit row, with the change mark the visit service records beside it."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    changes.record(ward_ids=[household.ward_id], part=changes.Part.VISITS)
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
    changes.record(ward_ids=[visit_row.ward_id], part=changes.Part.VISITS)
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


@pytest.fixture
def sent_campaign(dashboard):
    """A campaign in ward A: 12 sent in a1 (8 delivered, 6 of them converted after delivery),
    8 held out (2 converted), 3 excluded."""
    account = ChannelAccount.objects.create(ward=dashboard.a, channel="console", name="Thử")
    started = timezone.now() - datetime.timedelta(days=10)
    campaign = Campaign.objects.create(
        ward=dashboard.a,
        name="Nhắc kích hoạt mức 2",
        goal=Milestone.VNEID_LEVEL2_ACTIVATED,
        channel=account,
        status=Campaign.Status.DONE,
        started_at=started,
        holdout_percent=40,
    )
    people = [person(dashboard.a1, f"Người Nhận {i}") for i in range(23)]
    delivered_on = timezone.localdate(started) + datetime.timedelta(days=1)
    for i, resident in enumerate(people):
        status = Recipient.Status.DELIVERED if i < 8 else Recipient.Status.SENT
        if 12 <= i < 20:
            status = Recipient.Status.HOLDOUT
        if i >= 20:
            status = Recipient.Status.EXCLUDED
        sent = status in (Recipient.Status.DELIVERED, Recipient.Status.SENT)
        Recipient.objects.create(
            campaign=campaign,
            resident=resident,
            area=dashboard.a1,
            status=status,
            sent_at=local(delivered_on) if sent else None,
            delivered_at=local(delivered_on, 11) if i < 8 else None,
            first_clicked_at=local(delivered_on, 12) if i < 3 else None,
        )
        if i < 6 or 12 <= i < 14:
            reach(
                resident,
                Milestone.VNEID_LEVEL2_ACTIVATED,
                delivered_on + datetime.timedelta(days=2),
                EventSource.CAMPAIGN,
            )
    rollups.rollup_all()
    return campaign


@pytest.fixture
def busy_ward(two_wards):
    """Ward A: 30 people of every age (some without a birth year), 160 events in random order,
    repeats and back-dated events included. Ward B gets events that must never leak into A."""
    rng = random.Random(20260315)
    w = two_wards
    people = [
        person(
            rng.choice([w.a1, w.a2]),
            f"Người Số {i}",
            birth_year=rng.choice([1950, 1975, 2008, 2009, 2015, None]),
        )
        for i in range(30)
    ]
    outsider = person(w.b1, "Người Phường Khác")
    # Raw rows in bulk (the roll-ups read rows, however written); one through the service
    # below, so the ward is marked dirty as a visit would mark it.
    AdoptionEvent.objects.bulk_create(
        AdoptionEvent(
            resident=rng.choice(people),
            milestone=rng.choice(Milestone.values),
            occurred_on=D(2025, 1, 1) + datetime.timedelta(days=rng.randrange(440)),
            source=rng.choice(EventSource.values),
            verified=True,
        )
        for _ in range(160)
    )
    reach(people[0], Milestone.VNEID_LEVEL1, D(2025, 3, 31))
    AdoptionEvent.objects.bulk_create(
        AdoptionEvent(
            resident=outsider,
            milestone=milestone,
            occurred_on=D(2025, 6, 1),
            source=EventSource.IMPORT,
            verified=True,
        )
        for milestone in Milestone.values
    )
    return w

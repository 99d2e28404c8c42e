"""Journeys timed from a date: a resident's event starts reminders, each step goes out once, and
they stop when the goal is reached or the resident says HUY."""

import datetime

import pytest
from django.utils import timezone

from campaigns import journeys
from campaigns.models import Enrolment, Journey, JourneyStep, Notice, OptOut, OptOutSource
from tests.campaigns.conftest import person
from wards.models import EventSource, Milestone
from wards.services import adoption_event_record

pytestmark = pytest.mark.django_db
E = Enrolment.Status


@pytest.fixture
def journey(world):
    built = Journey.objects.create(
        ward=world.a,
        name="Kích hoạt VNeID mức 2",
        starts_on=Milestone.VNEID_LEVEL2_ISSUED,
        goal=Milestone.VNEID_LEVEL2_ACTIVATED,
        scanned_until=timezone.now() - datetime.timedelta(days=1),
    )
    JourneyStep.objects.create(
        journey=built, position=1, delay_days=3, text="Chào {ten}, mời bác kích hoạt VNeID mức 2."
    )
    JourneyStep.objects.create(
        journey=built, position=2, delay_days=10, text="Bác {ten} đã kích hoạt chưa?"
    )
    return built


def issued(resident, on=None):
    adoption_event_record(
        resident=resident,
        milestone=Milestone.VNEID_LEVEL2_ISSUED,
        occurred_on=on or timezone.localdate(),
        source=EventSource.VISIT,
        verified=True,
    )


def at(days):
    return timezone.now() + datetime.timedelta(days=days, hours=12)


def test_an_issued_level_2_starts_the_journey_and_steps_go_out_on_time(world, journey):
    resident = person(world.a1, "Trần Văn Ba")
    issued(resident)
    assert journeys.journeys_enrol() == 1
    assert journeys.journeys_advance(now=at(1))["sent"] == 0  # not yet: three days after
    assert journeys.journeys_advance(now=at(3))["sent"] == 1
    [notice] = Notice.objects.filter(resident=resident)
    assert "Chào Ba, mời bác kích hoạt" in notice.text
    assert journeys.journeys_advance(now=at(3))["sent"] == 0  # exactly once
    assert journeys.journeys_advance(now=at(10))["sent"] == 1
    assert Notice.objects.filter(resident=resident).count() == 2
    assert Enrolment.objects.get(resident=resident).status == E.FINISHED


def test_reaching_the_goal_stops_the_reminders(world, journey):
    resident = person(world.a1, "Lê Thị Tư")
    issued(resident)
    journeys.journeys_enrol()
    journeys.journeys_advance(now=at(3))
    adoption_event_record(
        resident=resident,
        milestone=Milestone.VNEID_LEVEL2_ACTIVATED,
        occurred_on=timezone.localdate(),
        source=EventSource.VISIT,
        verified=True,
    )
    assert journeys.journeys_advance(now=at(10))["reached"] == 1
    assert Notice.objects.filter(resident=resident).count() == 1


def test_the_same_event_seen_twice_enrols_once(world, journey):
    resident = person(world.a1, "Phạm Văn Năm")
    issued(resident)
    journeys.journeys_enrol()
    Journey.objects.filter(pk=journey.pk).update(scanned_until=journey.scanned_until)
    journeys.journeys_enrol()
    assert Enrolment.objects.filter(resident=resident).count() == 1


def test_an_opted_out_number_gets_nothing_and_huy_stops_the_journey(world, journey):
    quiet = person(world.a1, "Không Muốn Nhận")
    OptOut.objects.create(ward=world.a, phone=quiet.phone, source=OptOutSource.KEYWORD)
    replier = person(world.a1, "Nhắn Hủy")
    issued(quiet)
    issued(replier)
    journeys.journeys_enrol()
    journeys.journeys_advance(now=at(3))
    assert Notice.objects.get(resident=quiet).status == Notice.Status.SUPPRESSED
    assert journeys.journey_stop(ward=world.a, phone=replier.phone) == 1
    journeys.journeys_advance(now=at(10))
    assert Notice.objects.filter(resident=replier).count() == 1


def test_residents_without_consent_are_not_messaged(world, journey):
    resident = person(world.a1, "Chưa Đồng Ý", consent=False)
    issued(resident)
    journeys.journeys_enrol()
    assert journeys.journeys_advance(now=at(3))["stopped"] == 1
    assert not Notice.objects.filter(resident=resident).exists()


def test_events_before_the_journey_existed_start_nothing(world, journey):
    resident = person(world.a1, "Cũ")
    issued(resident)
    Journey.objects.filter(pk=journey.pk).update(scanned_until=timezone.now())
    assert journeys.journeys_enrol() == 0

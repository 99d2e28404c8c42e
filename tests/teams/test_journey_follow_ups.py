"""A reminder journey that ends without its goal gives the household's team a follow-up."""

import datetime

import pytest
from django.utils import timezone

from campaigns import journeys
from campaigns.models import Enrolment, Journey, JourneyStep, MessagingPolicy, Notice
from teams import receivers
from teams.models import FollowUp, Visit
from teams.records import check_visit, parse_record
from teams.services import visit_record
from tests.teams.conftest import record, signed_in
from wards.models import AuditEntry, ChangeMark, EventSource, Milestone
from wards.services import adoption_event_record

pytestmark = pytest.mark.django_db
NAME = "Kích hoạt VNeID mức 2"


@pytest.fixture
def journey(teams):
    MessagingPolicy.objects.create(
        ward=teams.a, send_from=datetime.time(0, 0), send_until=datetime.time(0, 0)
    )
    built = Journey.objects.create(
        ward=teams.a,
        name=NAME,
        starts_on=Milestone.VNEID_LEVEL2_ISSUED,
        goal=Milestone.VNEID_LEVEL2_ACTIVATED,
        ends_with_team_task=True,
        scanned_until=timezone.now() - datetime.timedelta(days=1),
    )
    JourneyStep.objects.create(journey=built, position=1, delay_days=3, text="Mời {ten} kích hoạt.")
    JourneyStep.objects.create(
        journey=built, position=2, delay_days=10, text="{ten} kích hoạt chưa?"
    )
    teams.resident.consent_to_messages = True
    teams.resident.save()
    return built


def event(resident, milestone):
    adoption_event_record(
        resident=resident,
        milestone=milestone,
        occurred_on=timezone.localdate(),
        source=EventSource.VISIT,
        verified=True,
    )


def run_to_the_end(resident):
    event(resident, Milestone.VNEID_LEVEL2_ISSUED)
    journeys.journeys_enrol()
    now = timezone.now()
    for days in (3, 10):
        journeys.journeys_advance(now=now + datetime.timedelta(days=days, hours=12))


def test_the_journey_ends_with_one_follow_up_the_team_sees(teams, journey):
    run_to_the_end(teams.resident)
    enrolment = Enrolment.objects.get(resident=teams.resident)
    assert enrolment.status == Enrolment.Status.FINISHED
    [follow_up] = FollowUp.objects.filter(household=teams.household)
    assert follow_up.visit is None and follow_up.key == f"journey:{enrolment.pk}"
    assert follow_up.due_on == timezone.localdate() + datetime.timedelta(days=3)
    assert NAME in follow_up.reason
    assert AuditEntry.objects.filter(object_type="followup", object_id=str(follow_up.pk)).exists()
    assert ChangeMark.objects.filter(ward_id=teams.a.pk, part=ChangeMark.Part.VISITS).exists()

    # The same enrolment announced again (a second tick racing) makes no second task.
    journey_again = Journey.objects.get(pk=journey.pk)
    receivers.follow_ups_for_finished_journey(
        Journey, journey=journey_again, residents={enrolment.pk: teams.resident.pk}
    )
    assert FollowUp.objects.filter(household=teams.household).count() == 1

    leader_page = signed_in(teams.leader).get("/doi/to-truong/").content.decode()
    assert NAME in leader_page and teams.household.address in leader_page
    FollowUp.objects.filter(pk=follow_up.pk).update(due_on=timezone.localdate())
    today = signed_in(teams.member).get("/doi/").content.decode()
    assert NAME in today
    household = signed_in(teams.member).get(f"/doi/ho/{teams.household.pk}/")
    assert household.status_code == 200 and NAME in household.content.decode()


def test_a_later_visit_that_meets_the_household_closes_it(teams, journey):
    run_to_the_end(teams.resident)
    follow_up = FollowUp.objects.get(household=teams.household)
    data = record(
        teams.household,
        visited_at=timezone.now().isoformat(),
        outcome="done",
        attendees=[{"resident_id": teams.resident.pk, "actions": []}],
    )
    visit_record(
        member=teams.member, draft=check_visit(member=teams.member, record=parse_record(data))
    )
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DONE
    assert follow_up.closed_by == Visit.objects.get(household=teams.household)


def test_no_follow_up_when_the_goal_is_reached_or_the_journey_does_not_ask(teams, journey):
    other = teams.residents["a2"]
    other.consent_to_messages = True
    other.save()
    Journey.objects.filter(pk=journey.pk).update(ends_with_team_task=False)
    run_to_the_end(other)
    assert Enrolment.objects.get(resident=other).status == Enrolment.Status.FINISHED
    assert not FollowUp.objects.exists()

    Journey.objects.filter(pk=journey.pk).update(ends_with_team_task=True)
    event(teams.resident, Milestone.VNEID_LEVEL2_ISSUED)
    journeys.journeys_enrol()
    event(teams.resident, Milestone.VNEID_LEVEL2_ACTIVATED)
    journeys.journeys_advance(now=timezone.now() + datetime.timedelta(days=11))
    assert Enrolment.objects.get(resident=teams.resident).status == Enrolment.Status.REACHED
    assert not FollowUp.objects.exists()


def test_a_failing_follow_up_neither_undoes_nor_stalls_the_tick(
    teams, journey, monkeypatch, caplog
):
    def broken(**kwargs):
        FollowUp.objects.create(household_id=None, due_on=timezone.localdate(), reason="x")

    monkeypatch.setattr(receivers, "follow_ups_ask", broken)
    run_to_the_end(teams.resident)
    assert Enrolment.objects.get(resident=teams.resident).status == Enrolment.Status.FINISHED
    assert Notice.objects.filter(resident=teams.resident).count() == 2
    assert not FollowUp.objects.exists()
    assert "journey_finished failed" in caplog.text

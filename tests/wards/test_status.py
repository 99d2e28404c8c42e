import datetime

import pytest

from tests import factories
from wards.models import EventSource, Milestone, Vneid
from wards.services import adoption_event_record


@pytest.fixture
def resident(db):
    ward = factories.ward()
    return factories.resident(factories.household(factories.area(ward)))


def test_status_follows_events_and_vneid_keeps_its_four_states(resident):
    assert resident.vneid == Vneid.NONE
    adoption_event_record(
        resident=resident,
        milestone=Milestone.VNEID_LEVEL2_ISSUED,
        source=EventSource.VISIT,
        verified=True,
    )
    resident.refresh_from_db()
    assert resident.vneid == Vneid.LEVEL2_ISSUED  # issued is not activated
    adoption_event_record(
        resident=resident,
        milestone=Milestone.VNEID_LEVEL2_ACTIVATED,
        source=EventSource.VISIT,
        verified=True,
    )
    resident.refresh_from_db()
    assert resident.vneid == Vneid.LEVEL2_ACTIVATED


def test_a_lower_milestone_recorded_later_never_moves_status_backwards(resident):
    for milestone in (Milestone.VNEID_LEVEL2_ACTIVATED, Milestone.VNEID_LEVEL1):
        adoption_event_record(
            resident=resident,
            milestone=milestone,
            source=EventSource.SELF_REPORT,
            verified=False,
            occurred_on=datetime.date(2026, 5, 1),
        )
    resident.refresh_from_db()
    assert resident.vneid == Vneid.LEVEL2_ACTIVATED
    assert resident.events.count() == 2


def test_two_recorders_both_append_and_neither_overwrites(resident):
    adoption_event_record(
        resident=resident,
        milestone=Milestone.PUBLIC_SERVICE_ACCOUNT,
        source=EventSource.VISIT,
        verified=True,
    )
    adoption_event_record(
        resident=resident,
        milestone=Milestone.CASHLESS_PAYMENT,
        source=EventSource.SELF_REPORT,
        verified=False,
    )
    resident.refresh_from_db()
    assert resident.has_public_service_account and resident.uses_cashless
    assert not resident.has_submitted_online


def test_unknown_milestone_is_refused(resident):
    with pytest.raises(ValueError):
        adoption_event_record(
            resident=resident, milestone="flying", source=EventSource.VISIT, verified=True
        )


def test_generated_people_have_status_equal_to_their_events(db):
    """The bulk generator writes statuses directly; they must equal what the service derives."""
    import datetime as dt

    from wards.generate import generate_people
    from wards.models import Resident
    from wards.services import derive_status

    ward = factories.ward()
    counts = generate_people(
        ward=ward,
        areas=[factories.area(ward)],
        households_per_area=30,
        seed=7,
        today=dt.date(2026, 11, 1),
    )
    assert counts.residents == Resident.objects.filter(household__ward=ward).count() > 30
    for resident in Resident.objects.filter(household__ward=ward).prefetch_related("events"):
        expected = derive_status({event.milestone for event in resident.events.all()})
        assert {field: getattr(resident, field) for field in expected} == expected

"""A batch saved in bulk behaves as the same visits saved one by one, and survives a race."""

import datetime
import json

from django.utils import timezone

from teams import sync
from teams.models import Visit
from teams.records import check_visit, parse_record
from teams.services import visit_record, visits_record
from teams.services import visits as visits_module
from tests.teams.conftest import record, signed_in
from wards.models import AdoptionEvent, Resident, Vneid


def draft(member, data):
    return check_visit(member=member, record=parse_record(data))


def test_one_batch_with_several_steps_for_one_resident_ends_at_the_highest(teams):
    now = timezone.now()
    batch = [
        record(
            teams.household,
            visited_at=(now - datetime.timedelta(days=2)).isoformat(),
            attendees=[{"resident_id": teams.resident.pk, "actions": ["installed_vneid"]}],
        ),
        record(
            teams.household,
            visited_at=(now - datetime.timedelta(days=1)).isoformat(),
            attendees=[
                {"resident_id": teams.resident.pk, "actions": ["activated_level2", "cashless"]}
            ],
        ),
    ]
    body = (
        signed_in(teams.member)
        .post("/api/doi/sync", json.dumps({"records": batch}), content_type="application/json")
        .json()
    )
    assert body["created"] == 2
    teams.resident.refresh_from_db()
    assert teams.resident.vneid == Vneid.LEVEL2_ACTIVATED and teams.resident.uses_cashless
    assert AdoptionEvent.objects.filter(resident=teams.resident, source="visit").count() == 3


def test_a_person_met_in_two_visits_of_one_batch_is_created_once(teams):
    met = [{"new_full_name": "Phan Văn Mới", "new_birth_year": 1990}]
    drafts = [draft(teams.member, record(teams.household, attendees=met)) for _ in range(2)]
    answers = visits_record(member=teams.member, drafts=drafts)
    assert [created for _visit, created in answers] == [True, True]
    assert Resident.objects.filter(household=teams.household, full_name="Phan Văn Mới").count() == 1


def test_a_copy_saved_by_another_request_at_the_same_moment(teams, monkeypatch):
    """The batch read no copy, but one was committed before its insert: nothing doubles."""
    first = record(teams.household, outcome="nobody_home")
    other = record(teams.households["a1"], attendees=[{"resident_id": teams.resident.pk}])
    racer, _ = visit_record(member=teams.member, draft=draft(teams.member, first))
    monkeypatch.setattr(visits_module, "saved_visits", lambda uuids: {})
    answers = visits_record(
        member=teams.member, drafts=[draft(teams.member, first), draft(teams.member, other)]
    )
    assert answers[0] == (racer, False)
    assert answers[1][1] is True
    assert Visit.objects.count() == 2


def test_a_record_that_breaks_the_server_does_not_hold_back_the_others(teams, monkeypatch):
    original = visits_module.visits_record
    bad = record(teams.household, outcome="nobody_home", notes="boom")

    def fragile(*, member, drafts, teams=None):
        if any(d.notes == "boom" for d in drafts):
            raise RuntimeError("disk full")
        return original(member=member, drafts=drafts, teams=teams)

    monkeypatch.setattr(sync, "visits_record", fragile)
    good = record(teams.household, outcome="nobody_home")
    results = sync.sync_batch(member=teams.member, records=[bad, good])
    assert [r.status for r in results] == ["error", "created"]
    assert "sẽ gửi lại" in results[0].reason
    assert Visit.objects.count() == 1

"""Each record of a batch is judged alone: a hostile value refuses that record, in Vietnamese, and
the others are saved (never a 500 for the whole batch)."""

import json
import uuid

import pytest

from teams.models import Visit
from tests.teams.conftest import record, signed_in
from wards.models import Resident

SYNC = "/api/doi/sync"


def post(client, records):
    return client.post(SYNC, json.dumps({"records": records}), content_type="application/json")


BAD_RECORDS = {
    "year 9999": {"visited_at": "9999-12-31T23:59:00+00:00"},
    "year 9999, no zone": {"visited_at": "9999-12-31T00:00:00"},
    "year 1": {"visited_at": "0001-01-01T00:00:00+00:00"},
    "household 2**70": {"household_id": 2**70},
    "resident 2**70": {"attendees": [{"resident_id": 2**70}]},
    "phone 1e5000": {"attendees": [{"new_full_name": "Người Mới", "new_phone": "1e5000"}]},
    "phone of letters": {"attendees": [{"new_full_name": "Người Mới", "new_phone": "abc"}]},
    "birth year 2**70": {"attendees": [{"new_full_name": "Người Mới", "new_birth_year": 2**70}]},
    "attendee not an object": {"attendees": ["x"]},
    "action unknown": {"attendees": [{"resident_id": 1, "actions": ["fly"]}]},
}


@pytest.mark.parametrize("fields", BAD_RECORDS.values(), ids=BAD_RECORDS.keys())
def test_a_hostile_record_is_refused_alone_and_the_others_are_saved(teams, fields):
    client = signed_in(teams.member)
    before_good = record(teams.household, outcome="nobody_home")
    bad = record(teams.household, **fields)
    after_good = record(teams.household, outcome="nobody_home")
    residents = Resident.objects.count()
    response = post(client, [before_good, bad, after_good])
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["created", "refused", "created"]
    assert results[1]["client_uuid"] == bad["client_uuid"]
    reason = results[1]["reason"]
    assert reason and any(word in reason for word in ("hợp lệ", "không đúng", "chữ số", "Ngày"))
    assert Visit.objects.filter(client_uuid=bad["client_uuid"]).count() == 0
    assert Visit.objects.count() == 2
    assert Resident.objects.count() == residents


def test_a_phone_typed_like_excel_is_refused_with_how_to_type_it(teams):
    bad = record(
        teams.household,
        attendees=[{"new_full_name": "Người Mới", "new_phone": "1e5000"}],
    )
    result = post(signed_in(teams.member), [bad]).json()["results"][0]
    assert result["status"] == "refused"
    assert "chữ số" in result["errors"]["attendees.0.new_phone"]


def test_control_characters_in_a_note_are_cleaned_on_the_way_in(teams):
    data = record(teams.household, outcome="nobody_home", notes="Cửa\x00 khóa\x0b, hẹn\nmai")
    assert post(signed_in(teams.member), [data]).json()["results"][0]["status"] == "created"
    assert Visit.objects.get(client_uuid=data["client_uuid"]).notes == "Cửa khóa, hẹn\nmai"


def test_a_record_the_rules_cannot_judge_is_refused_and_the_batch_goes_on(teams, monkeypatch):
    import teams.sync as sync

    real = sync.check_visit
    broken = str(uuid.uuid4())

    def flaky(*, member, record, **kwargs):
        if str(record.client_uuid) == broken:
            raise RuntimeError("unexpected")
        return real(member=member, record=record, **kwargs)

    monkeypatch.setattr(sync, "check_visit", flaky)
    good = record(teams.household, outcome="nobody_home")
    bad = record(teams.household, outcome="nobody_home", client_uuid=broken)
    results = post(signed_in(teams.member), [bad, good]).json()["results"]
    assert [r["status"] for r in results] == ["refused", "created"]
    assert "Sửa" in results[0]["reason"]

"""Households and people added on the phone go through the sync API like visits: once per client
UUID, checked by the online forms, and a visit to a household added offline syncs after it."""

import json
import uuid

from teams.models import FieldRecord, Visit
from tests.teams.conftest import record, signed_in
from wards.models import Household, Resident

SYNC = "/api/doi/sync"


def post(client, records):
    return client.post(SYNC, json.dumps({"records": records}), content_type="application/json")


def household_record(area, **fields) -> dict:
    data = {"area": str(area.pk), "address": "25 Ngõ Mới", "head_name": "Lê Văn Tư", "size": 3}
    data.update(fields)
    return {"kind": "household", "client_uuid": str(uuid.uuid4()), "fields": data}


def test_a_household_and_its_first_visit_arrive_in_one_batch(teams):
    client = signed_in(teams.member)
    household = household_record(teams.a1, phone="0912 345 678")
    visit = record(
        teams.household,
        household_id=None,
        household_uuid=household["client_uuid"],
        attendees=[{"new_full_name": "Lê Văn Tư", "actions": ["installed_vneid"]}],
    )
    body = post(client, [household, visit]).json()
    assert [r["status"] for r in body["results"]] == ["created", "created"]
    added = Household.objects.get(address="25 Ngõ Mới")
    assert added.phone == "+84912345678" and added.area == teams.a1
    assert body["results"][0]["url"] == f"/doi/ho/{added.pk}/"
    assert Visit.objects.get(client_uuid=visit["client_uuid"]).household == added
    assert added.residents.get().full_name == "Lê Văn Tư"
    # Sent again (the answer was lost): nothing doubles.
    again = post(client, [household, visit]).json()
    assert [r["status"] for r in again["results"]] == ["duplicate", "duplicate"]
    assert Household.objects.filter(address="25 Ngõ Mới").count() == 1
    assert FieldRecord.objects.count() == 1


def test_a_visit_to_a_household_not_yet_on_the_server_waits(teams):
    visit = record(teams.household, household_id=None, household_uuid=str(uuid.uuid4()))
    result = post(signed_in(teams.member), [visit]).json()["results"][0]
    assert result["status"] == "error" and "hộ mới" in result["reason"]
    assert not Visit.objects.exists()


def test_a_household_already_listed_is_refused_and_the_existing_one_offered(teams):
    existing = teams.household  # same address and phone, typed with other case and tones
    existing.address = "12 Ngõ Hoà Bình"
    existing.save()
    twin = household_record(
        teams.a1, address="12 ngõ hòa bình", head_name="Người Khác", phone="0912000001"
    )
    client = signed_in(teams.member)
    result = post(client, [twin]).json()["results"][0]
    assert result["status"] == "refused"
    assert "đã có trong danh sách" in result["reason"] and existing.code in result["reason"]
    assert result["url"] == f"/doi/ho/{existing.pk}/"
    count = Household.objects.count()
    twin["fields"]["confirm_new"] = True  # the member says it is another household
    assert post(client, [twin]).json()["results"][0]["status"] == "created"
    assert Household.objects.count() == count + 1


def test_a_household_record_is_checked_like_the_form(teams):
    bad = household_record(teams.a2, address="", phone="1e5000")  # a2: not this member's area
    result = post(signed_in(teams.member), [bad]).json()["results"][0]
    assert result["status"] == "refused"
    assert set(result["errors"]) >= {"area", "address", "phone"}
    assert "chữ số" in result["errors"]["phone"]
    assert not FieldRecord.objects.exists()


def test_a_person_added_on_the_phone(teams):
    client = signed_in(teams.member)
    person = {
        "kind": "resident",
        "client_uuid": str(uuid.uuid4()),
        "household_id": teams.household.pk,
        "fields": {"full_name": "Trần Thị Năm", "birth_year": 1950, "phone": ""},
    }
    assert post(client, [person]).json()["results"][0]["status"] == "created"
    assert teams.household.residents.filter(full_name="Trần Thị Năm").exists()
    assert post(client, [person]).json()["results"][0]["status"] == "duplicate"
    same_name = dict(person, client_uuid=str(uuid.uuid4()))
    result = post(client, [same_name]).json()["results"][0]
    assert result["status"] == "refused" and "đã có trong hộ" in result["reason"]
    outside = dict(person, client_uuid=str(uuid.uuid4()), household_id=teams.households["b1"].pk)
    assert post(client, [outside]).json()["results"][0]["status"] == "refused"
    assert Resident.objects.filter(full_name="Trần Thị Năm").count() == 1

"""The sync API: per-record answers, idempotence, refusals that stay editable, auth, CSRF, limits."""

import json
import uuid

import pytest
from django.test import Client

from teams.models import Visit
from tests.teams.conftest import record, signed_in
from wards.models import AdoptionEvent

SYNC = "/api/doi/sync"


def post(client, records, **headers):
    return client.post(
        SYNC, json.dumps({"records": records}), content_type="application/json", **headers
    )


def test_a_batch_is_saved_and_answered_record_by_record(teams):
    client = signed_in(teams.member)
    good = record(
        teams.household, attendees=[{"resident_id": teams.resident.pk, "actions": ["cashless"]}]
    )
    outside = record(teams.households["a2"], outcome="nobody_home")
    malformed = {"client_uuid": str(uuid.uuid4()), "household_id": "x", "outcome": "done"}
    response = post(client, [good, outside, malformed])
    assert response.status_code == 200
    body = response.json()
    assert [r["status"] for r in body["results"]] == ["created", "refused", "refused"]
    assert body["results"][0]["client_uuid"] == good["client_uuid"]
    assert "không thuộc các khu phố bạn phụ trách" in body["results"][1]["reason"]
    assert body["results"][1]["errors"]["household_id"]
    assert "hộ" in body["results"][2]["reason"]  # the field named in Vietnamese
    assert (body["created"], body["refused"]) == (1, 2)
    assert response["Server-Timing"].startswith("app;dur=")
    assert Visit.objects.count() == 1


def test_the_same_batch_sent_again_changes_nothing(teams):
    client = signed_in(teams.member)
    batch = [
        record(
            teams.household,
            attendees=[{"resident_id": teams.resident.pk, "actions": ["installed_vneid"]}],
        ),
        record(teams.household, outcome="nobody_home"),
    ]
    first = post(client, batch).json()
    counts = (Visit.objects.count(), AdoptionEvent.objects.count())
    second = post(client, batch).json()
    assert [r["status"] for r in first["results"]] == ["created", "created"]
    assert [r["status"] for r in second["results"]] == ["duplicate", "duplicate"]
    assert [r["visit_id"] for r in second["results"]] == [r["visit_id"] for r in first["results"]]
    assert (Visit.objects.count(), AdoptionEvent.objects.count()) == counts


def test_one_uuid_twice_in_one_batch_makes_one_visit(teams):
    data = record(teams.household, outcome="nobody_home")
    body = post(signed_in(teams.member), [data, data]).json()
    assert [r["status"] for r in body["results"]] == ["created", "duplicate"]
    assert Visit.objects.count() == 1


def test_a_uuid_used_by_another_member_is_refused_without_details(teams):
    data = record(teams.household, outcome="nobody_home")
    post(signed_in(teams.member), [data])
    body = post(signed_in(teams.leader), [data]).json()
    assert body["results"][0]["status"] == "refused"
    assert body["results"][0]["visit_id"] is None


def test_a_corrected_record_with_the_same_uuid_goes_through(teams):
    client = signed_in(teams.member)
    data = record(teams.household, outcome="done", attendees=[])
    refused = post(client, [data]).json()["results"][0]
    assert refused["status"] == "refused" and "ít nhất một người" in refused["reason"]
    data["attendees"] = [{"resident_id": teams.resident.pk}]
    assert post(client, [data]).json()["results"][0]["status"] == "created"


def test_signed_out_gets_401_in_vietnamese_and_nothing_is_saved(teams):
    response = post(Client(), [record(teams.household, outcome="nobody_home")])
    assert response.status_code == 401
    assert response.json()["code"] == "login"
    assert "đăng nhập" in response.json()["detail"]
    assert not Visit.objects.exists()


def test_an_expired_session_is_a_401_and_the_record_can_come_later(teams):
    client = signed_in(teams.member)
    data = record(teams.household, outcome="nobody_home")
    client.logout()
    assert post(client, [data]).status_code == 401
    client.force_login(teams.member)
    assert post(client, [data]).json()["results"][0]["status"] == "created"


def test_without_the_csrf_token_the_batch_is_refused(teams):
    client = Client(enforce_csrf_checks=True)
    client.force_login(teams.member)
    data = record(teams.household, outcome="nobody_home")
    response = post(client, [data])
    assert response.status_code == 403 and response.json()["code"] == "csrf"
    assert not Visit.objects.exists()
    client.get("/doi/")  # the page sets the csrftoken cookie the phone reads
    token = client.cookies["csrftoken"].value
    assert post(client, [data], HTTP_X_CSRFTOKEN=token).status_code == 200
    assert Visit.objects.count() == 1


@pytest.mark.parametrize("role_user", ["leader_of_ward", "ward_admin"])
def test_staff_who_are_not_in_a_team_cannot_sync(teams, role_user):
    from wards.roles import Role

    user = teams.users[Role.LEADER if role_user == "leader_of_ward" else Role.WARD_ADMIN]
    response = post(signed_in(user), [record(teams.household, outcome="nobody_home")])
    assert response.status_code == 403 and response.json()["code"] == "role"
    assert not Visit.objects.exists()


def test_too_many_batches_get_429(teams, settings):
    settings.TEAMS_SYNC_RATE_LIMIT = (2, 60)
    client = signed_in(teams.member)
    assert post(client, []).status_code == 200
    assert post(client, []).status_code == 200
    response = post(client, [record(teams.household, outcome="nobody_home")])
    assert response.status_code == 429 and "quá nhanh" in response.json()["detail"]
    assert not Visit.objects.exists()


@pytest.mark.parametrize(
    "body", ["not json", json.dumps({"visits": []}), json.dumps({"records": [{}] * 501})]
)
def test_a_malformed_batch_is_a_400_in_vietnamese(teams, body):
    response = signed_in(teams.member).post(SYNC, body, content_type="application/json")
    assert response.status_code == 400
    assert "không đúng dạng" in response.json()["detail"]


def test_the_schema_is_published_at_a_documented_path(teams):
    schema = Client().get("/api/doi/openapi.json").json()
    assert "/api/doi/sync" in schema["paths"]
    assert "VisitRecord" in json.dumps(schema["components"])

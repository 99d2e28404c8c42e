"""Steps recorded offline reach the server through the queue's endpoint: each judged alone, once."""

import json
import uuid

from django.utils import timezone

from homeservice.models import RequestStep, ServiceRequest
from tests.homeservice.conftest import new_request, signed_in, soon

URL = "/api/viec-nho/sync"


def step(request, to, **fields):
    return {
        "kind": "home_step",
        "client_uuid": str(uuid.uuid4()),
        "fields": {"request": str(request.pk), "to": to, **fields},
    }


def post(client, records):
    return client.post(URL, json.dumps({"records": records}), content_type="application/json")


def test_a_batch_is_saved_once_however_often_it_is_sent(hs):
    request = new_request(hs)
    records = [
        step(request, "scheduled", appointment_at=soon().isoformat()),
        step(request, "visited", at=timezone.now().isoformat()),
        step(request, "documents_taken", documents=["Giấy chứng sinh"]),
    ]
    client = signed_in(hs.member)
    first = post(client, records).json()
    assert [r["status"] for r in first["results"]] == ["created"] * 3
    again = post(client, records).json()
    assert [r["status"] for r in again["results"]] == ["duplicate"] * 3
    request.refresh_from_db()
    assert request.status == "documents_taken"
    assert request.documents[1] == {"name": "Giấy chứng sinh", "taken": True}
    assert RequestStep.objects.filter(request=request).count() == 4


def test_each_record_is_judged_alone(hs):
    request = new_request(hs)
    outside = new_request(hs, household=hs.households["a2"], resident=None, by=None, area=hs.a2)
    records = [
        {"kind": "home_step", "client_uuid": "not-a-uuid", "fields": {}},
        step(request, "delivered"),
        step(outside, "scheduled", appointment_at=soon().isoformat()),
        step(request, "scheduled", appointment_at="2026-02-30T10:00"),
        step(request, "scheduled", appointment_at=soon(-48).isoformat()),
        {"kind": "home_step", "client_uuid": str(uuid.uuid4()), "fields": {"request": str(2**70)}},
        {"kind": "home_step", "client_uuid": str(uuid.uuid4()), "fields": {"request": "²"}},
        step(request, "scheduled", appointment_at=soon().isoformat()),
    ]
    answer = post(signed_in(hs.member), records)
    assert answer.status_code == 200
    statuses = [r["status"] for r in answer.json()["results"]]
    assert statuses == ["refused"] * 7 + ["created"]
    reasons = [r["reason"] for r in answer.json()["results"]]
    assert "thứ tự" in reasons[1] and "khu phố" in reasons[2] and "đã qua" in reasons[4]
    assert ServiceRequest.objects.get(pk=outside.pk).status == "requested"


def test_bad_batches_and_strangers_get_4xx(hs):
    assert post(signed_in(hs.member), "x").status_code == 400
    assert signed_in(hs.member).post(URL, "{", content_type="application/json").status_code == 400
    from django.test import Client

    assert Client().post(URL, "{}", content_type="application/json").status_code == 401
    assert post(signed_in(hs.users["leader"]), []).status_code == 403


def test_the_endpoint_checks_csrf(hs):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(hs.member)
    assert post(client, []).status_code == 403


def test_a_batch_answers_before_its_messages_are_queued_and_queues_them_once(
    hs, django_capture_on_commit_callbacks
):
    requests = [new_request(hs) for _ in range(3)]
    records = [step(r, "scheduled", appointment_at=soon().isoformat()) for r in requests]
    client = signed_in(hs.member)
    with django_capture_on_commit_callbacks(execute=False) as pending:
        assert post(client, records).json()["created"] == 3
    assert hs.sent == []  # nothing handed to campaigns inside the sync request
    for callback in pending:
        callback()
    assert sorted(call["dedup_key"].split(":")[1] for call in hs.sent) == sorted(
        str(r.pk) for r in requests
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, records).json()["duplicate"] == 3
    assert len(hs.sent) == 3

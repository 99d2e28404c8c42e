"""The resident gets an SMS at "scheduled" and at "result delivered", through campaigns' notices."""

import datetime

import pytest

from campaigns.models import MessagingPolicy, Notice, OptOut, OptOutSource
from homeservice.services import request_advance
from tests.campaigns.conftest import twilio_account
from tests.fakes.twilio import FakeTwilio
from tests.homeservice.conftest import new_request, soon

PHONE = "+84912000002"  # the resident's own number in two_wards


@pytest.fixture(scope="module")
def twilio_fake():
    with FakeTwilio() as fake:
        yield fake


@pytest.fixture
def gateway(hs_world, twilio_fake):
    twilio_fake.reset()
    MessagingPolicy.objects.create(
        ward=hs_world.a, send_from=datetime.time(0, 0), send_until=datetime.time(0, 0)
    )
    twilio_account(hs_world.a, twilio_fake)
    return twilio_fake


def walk(hs, request, django_capture_on_commit_callbacks, until):
    steps = [
        ("scheduled", {"by": hs.member, "appointment_at": soon(20)}),
        ("visited", {"by": hs.member}),
        ("documents_taken", {"by": hs.member, "documents_taken": ["Giấy chứng sinh"]}),
        ("submitted", {"by": hs.officer, "dossier_number": "000.00.31.H01-251202-0007"}),
        ("delivered", {"by": hs.member}),
    ]
    for to, fields in steps:
        with django_capture_on_commit_callbacks(execute=True):
            request, _ = request_advance(request=request, to=to, **fields)
        if to == until:
            return request
    return request


def test_the_resident_gets_two_messages_through_the_gateway(
    hs_world, gateway, django_capture_on_commit_callbacks
):
    request = new_request(hs_world)
    walk(hs_world, request, django_capture_on_commit_callbacks, "delivered")
    bodies = [m["body"] for m in gateway.accepted_for(PHONE)]
    assert len(bodies) == 2
    assert "hẹn đến nhà" in bodies[0] and "Đăng ký khai sinh" in bodies[0]
    assert "000.00.31.H01-251202-0007" in bodies[1]
    assert Notice.objects.filter(reason="home_service").count() == 2


def test_an_opted_out_resident_gets_nothing_and_the_steps_stand(
    hs_world, gateway, django_capture_on_commit_callbacks
):
    OptOut.objects.create(ward=hs_world.a, phone=PHONE, source=OptOutSource.STAFF)
    request = new_request(hs_world)
    request = walk(hs_world, request, django_capture_on_commit_callbacks, "scheduled")
    assert request.status == "scheduled"
    assert gateway.accepted_for(PHONE) == []


def _sync_schedule(hs, request, django_capture_on_commit_callbacks):
    import json
    import uuid

    from tests.homeservice.conftest import signed_in

    record = {
        "kind": "home_step",
        "client_uuid": str(uuid.uuid4()),
        "fields": {
            "request": str(request.pk),
            "to": "scheduled",
            "appointment_at": soon(20).isoformat(),
        },
    }
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        answer = signed_in(hs.member).post(
            "/api/viec-nho/sync", json.dumps({"records": [record]}), content_type="application/json"
        )
    assert answer.json()["created"] == 1
    return callbacks


def test_a_synced_step_reaches_the_resident_once_even_when_its_task_runs_again(
    hs_world, gateway, django_capture_on_commit_callbacks
):
    request = new_request(hs_world)
    callbacks = _sync_schedule(hs_world, request, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:  # the queue retrying the same tasks
            callback()
    assert len(gateway.accepted_for(PHONE)) == 1
    assert Notice.objects.filter(reason="home_service").count() == 1


def test_a_synced_step_in_quiet_hours_is_held_not_sent(
    hs_world, gateway, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    now = timezone.localtime()
    MessagingPolicy.objects.filter(ward=hs_world.a).update(
        send_from=(now + datetime.timedelta(hours=2)).time(),
        send_until=(now + datetime.timedelta(hours=3)).time(),
    )
    request = new_request(hs_world)
    _sync_schedule(hs_world, request, django_capture_on_commit_callbacks)
    assert gateway.accepted_for(PHONE) == []
    notice = Notice.objects.get(reason="home_service")
    assert notice.status == Notice.Status.QUEUED and notice.next_attempt_at is not None


def test_an_appointment_typed_in_local_time_still_gets_its_message(
    hs_world, gateway, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    request = new_request(hs_world)
    local = timezone.localtime(soon(20)).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        request_advance(request=request, to="scheduled", by=hs_world.member, appointment_at=local)
    assert len(gateway.accepted_for(PHONE)) == 1

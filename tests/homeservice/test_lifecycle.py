"""The request's lifecycle, step by step, with who and when, the change feed and the messages."""

import datetime

import pytest
from django.utils import timezone

from homeservice.lifecycle import Status, StepRefused
from homeservice.models import RequestStep, ServiceRequest
from homeservice.services import request_advance
from tests.homeservice.conftest import new_request, soon
from wards.models import ChangeMark
from wards.served import service_delivered


def walk_to_submitted(hs, request):
    request, _ = request_advance(
        request=request, to="scheduled", by=hs.member, appointment_at=soon()
    )
    request, _ = request_advance(request=request, to="visited", by=hs.member)
    request, _ = request_advance(
        request=request, to="documents_taken", by=hs.member, documents_taken=["Tờ khai theo mẫu"]
    )
    request, _ = request_advance(
        request=request, to="submitted", by=hs.officer, dossier_number="H01.23-251202-0001"
    )
    return request


def test_a_request_copies_the_procedures_documents_and_sla(hs, settings):
    settings.HOMESERVICE_DEFAULT_SLA_DAYS = 5
    request = new_request(hs)
    assert [d["name"] for d in request.documents] == ["Tờ khai theo mẫu", "Giấy chứng sinh"]
    assert request.due_on == timezone.localdate() + datetime.timedelta(days=5)
    assert request.status == Status.REQUESTED
    assert list(request.steps.values_list("to_status", "by")) == [("requested", hs.member.pk)]
    assert ChangeMark.objects.filter(ward_id=hs.a.pk, part="services").exists()


def test_the_whole_path_records_each_step_with_who_and_when(hs, django_capture_on_commit_callbacks):
    request = new_request(hs)
    served = []
    service_delivered.connect(lambda sender, service, **kw: served.append(service), weak=False)
    with django_capture_on_commit_callbacks(execute=True):
        request = walk_to_submitted(hs, request)
        request, _ = request_advance(request=request, to="delivered", by=hs.member)
        request, _ = request_advance(request=request, to="closed", by=hs.member)
    steps = list(RequestStep.objects.filter(request=request).values_list("to_status", "by"))
    assert [s for s, _ in steps] == [
        "requested",
        "scheduled",
        "visited",
        "documents_taken",
        "submitted",
        "delivered",
        "closed",
    ]
    assert steps[4][1] == hs.officer.pk
    request.refresh_from_db()
    assert request.dossier_number == "H01.23-251202-0001"
    assert request.documents[0] == {"name": "Tờ khai theo mẫu", "taken": True}
    assert request.documents[1]["taken"] is False
    assert request.submitted_at and request.delivered_at
    assert [s.kind for s in served] == ["home_service"]
    assert served[0].ref == str(request.pk) and served[0].phone == "+84912000002"
    # SMS at "scheduled" and at "result delivered", nothing else.
    assert [call["dedup_key"].split(":")[2] for call in hs.sent] == ["scheduled", "delivered"]
    assert "H01.23-251202-0001" in hs.sent[1]["text"]
    assert hs.sent[0]["phone"] == "+84912000002"


@pytest.mark.parametrize("to", ["visited", "documents_taken", "submitted", "delivered", "closed"])
def test_a_skipped_step_is_refused_and_nothing_changes(hs, to):
    request = new_request(hs)
    with pytest.raises(StepRefused, match="thứ tự"):
        request_advance(request=request, to=to, by=hs.officer, dossier_number="X1")
    assert ServiceRequest.objects.get(pk=request.pk).status == "requested"
    assert request.steps.count() == 1


def test_an_appointment_in_the_past_is_refused(hs):
    request = new_request(hs)
    with pytest.raises(StepRefused, match="đã qua"):
        request_advance(request=request, to="scheduled", by=hs.member, appointment_at=soon(-3))
    assert ServiceRequest.objects.get(pk=request.pk).status == "requested"


def test_only_the_office_records_the_dossier_number(hs):
    request = new_request(hs)
    request, _ = request_advance(
        request=request, to="scheduled", by=hs.member, appointment_at=soon()
    )
    request, _ = request_advance(request=request, to="visited", by=hs.member)
    request, _ = request_advance(
        request=request, to="documents_taken", by=hs.member, documents_taken=["Giấy chứng sinh"]
    )
    with pytest.raises(StepRefused, match="một cửa"):
        request_advance(request=request, to="submitted", by=hs.member, dossier_number="A1")
    with pytest.raises(StepRefused, match="mã hồ sơ"):
        request_advance(request=request, to="submitted", by=hs.officer, dossier_number="  ")
    assert ServiceRequest.objects.get(pk=request.pk).status == "documents_taken"


@pytest.mark.parametrize("to", ["cancelled", "unreachable"])
def test_ending_early_needs_a_reason(hs, to):
    request = new_request(hs)
    with pytest.raises(StepRefused, match="lý do"):
        request_advance(request=request, to=to, by=hs.member)
    request, _ = request_advance(
        request=request, to=to, by=hs.member, reason="Gọi 3 lần không được"
    )
    assert request.status == to and request.end_reason == "Gọi 3 lần không được"
    with pytest.raises(StepRefused):
        request_advance(request=request, to="scheduled", by=hs.member, appointment_at=soon())


def test_the_same_phone_record_is_saved_once(hs):
    import uuid

    request = new_request(hs)
    key = uuid.uuid4()
    _, created = request_advance(
        request=request, to="scheduled", by=hs.member, appointment_at=soon(), client_uuid=key
    )
    _, again = request_advance(
        request=request, to="scheduled", by=hs.member, appointment_at=soon(), client_uuid=key
    )
    assert (created, again) == (True, False)
    assert request.steps.filter(to_status="scheduled").count() == 1


def test_the_default_assignee_is_whoever_schedules(hs):
    request = new_request(hs, by=None, source="hotline")
    request, _ = request_advance(
        request=request, to="scheduled", by=hs.member, appointment_at=soon()
    )
    assert request.assignee == hs.member


def test_overdue_first_then_vulnerable(hs):
    from tests.homeservice.conftest import mark_elderly

    plain = new_request(hs, household=hs.households["a2"], resident=None, by=None, area=hs.a2)
    late = new_request(hs, household=hs.households["a2"], resident=None, by=None, area=hs.a2)
    ServiceRequest.objects.filter(pk=late.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    vulnerable = new_request(hs)
    mark_elderly(hs)
    order = list(ServiceRequest.objects.urgent_first().values_list("pk", flat=True))
    assert order == [late.pk, vulnerable.pk, plain.pk]

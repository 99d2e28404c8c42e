"""The SLA screen in the Wagtail admin: the ward's office sets the days, audited; others are refused."""

import datetime

import pytest
from django.utils import timezone

from homeservice.models import ProcedureSla, ServiceRequest, WardSla
from tests import factories
from tests.homeservice.conftest import new_request, signed_in
from wards.models import AuditEntry
from wards.roles import Role

URL = "/admin/phuc-vu-tai-nha/thoi-han/"


@pytest.mark.parametrize("role", [Role.ONE_STOP, Role.WARD_ADMIN])
def test_the_wards_office_sets_the_days_and_open_deadlines_follow(hs, role):
    request = new_request(hs)
    other = new_request(hs, procedure_id=None, need="Cài VNeID")
    client = signed_in(hs.users[role])
    page = client.get(URL)
    assert page.status_code == 200 and hs.procedure.name in page.content.decode()
    answer = client.post(URL, {"default": "3", f"p-{hs.procedure.pk}": "12"})
    assert answer.status_code == 302
    assert ProcedureSla.objects.get(procedure=hs.procedure).days == 12
    assert WardSla.objects.get(ward=hs.a).days == 3
    asked = timezone.localdate(request.created_at)
    assert ServiceRequest.objects.get(pk=request.pk).due_on == asked + datetime.timedelta(days=12)
    assert ServiceRequest.objects.get(pk=other.pk).due_on == asked + datetime.timedelta(days=3)
    entry = AuditEntry.objects.get(object_type="wardsla")
    assert entry.actor == hs.users[role] and entry.ward == hs.a and entry.action == "update"
    assert entry.changes[str(hs.procedure.pk)] == [None, 12]
    # A new request takes the procedure's days; overdue follows them.
    assert new_request(hs).due_on == timezone.localdate() + datetime.timedelta(days=12)
    client.post(URL, {"default": "3", f"p-{hs.procedure.pk}": "1"})
    ServiceRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=5)
    )
    client.post(URL, {"default": "3", f"p-{hs.procedure.pk}": "2"})
    overdue = ServiceRequest.objects.urgent_first().get(pk=request.pk).overdue
    assert overdue == 1


def test_wrong_days_are_refused_whole_and_what_was_typed_stays(hs):
    client = signed_in(hs.officer)
    answer = client.post(URL, {"default": "5", f"p-{hs.procedure.pk}": "mười"})
    assert answer.status_code == 400
    body = answer.content.decode()
    assert "từ 1 đến 365" in body and 'value="mười"' in body
    assert not WardSla.objects.exists() and not ProcedureSla.objects.exists()
    assert client.post(URL, {"default": "0"}).status_code == 400
    assert client.post(URL, {"default": "9" * 30}).status_code == 400
    assert client.post(URL, {"default": "²"}).status_code == 400  # str.isdigit says yes
    assert not AuditEntry.objects.filter(object_type="wardsla").exists()


@pytest.mark.parametrize(
    "role", [Role.COMMUNICATIONS, Role.LEADER, Role.TEAM_LEADER, Role.TEAM_MEMBER]
)
def test_other_roles_cannot_set_the_days(hs, role):
    client = signed_in(hs.users[role])
    assert client.get(URL).status_code in (302, 403)
    assert client.post(URL, {"default": "1"}).status_code in (302, 403)
    assert not WardSla.objects.exists()


def test_another_wards_officer_only_reaches_their_own_ward(hs):
    officer_b = factories.user("motcua-b", ward=hs.b, role=Role.ONE_STOP)
    client = signed_in(officer_b)
    page = client.get(f"{URL}?phuong={hs.a.pk}").content.decode()
    assert hs.b.name in page and hs.a.name not in page
    client.post(f"{URL}?phuong={hs.a.pk}", {"default": "2", f"p-{hs.procedure.pk}": "1"})
    assert not WardSla.objects.filter(ward=hs.a).exists()
    assert not ProcedureSla.objects.filter(procedure=hs.procedure).exists()


@pytest.mark.parametrize("ward", ["²", "9" * 40, "-1", "1e5", "\x00"])
def test_a_crafted_ward_choice_falls_back_to_the_officers_own(hs, ward):
    page = signed_in(hs.officer).get(URL, {"phuong": ward})
    assert page.status_code == 200 and hs.a.name in page.content.decode()

import datetime
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from homeservice.services import request_create, vulnerability_record
from qr.models import Procedure
from teams.models import TeamMember
from teams.services import team_create, team_member_add
from tests import factories
from wards.roles import Role


@pytest.fixture
def sent(notices):
    """The notices the service handed to campaigns (stored by the real notice service)."""
    return notices


@pytest.fixture
def hs(hs_world, sent):
    """hs_world with the notices it handed over readable as `hs.sent`."""
    hs_world.sent = sent
    return hs_world


@pytest.fixture
def hs_world(two_wards):
    """two_wards plus a team in area a1, a one-stop officer in ward A, a procedure per ward."""
    w = two_wards
    team = team_create(ward=w.a, name="Tổ A1", areas=[w.a1])
    team_member_add(team=team, user=w.users[Role.TEAM_LEADER], role=TeamMember.Role.LEADER)
    team_member_add(team=team, user=w.users[Role.TEAM_MEMBER], role=TeamMember.Role.MEMBER)
    for user in w.users.values():
        user.__dict__.pop("_ward_memberships", None)
    procedure = Procedure.objects.create(
        ward=w.a,
        code="1.001193",
        name="Đăng ký khai sinh",
        field="Hộ tịch",
        documents="Tờ khai theo mẫu\nGiấy chứng sinh",
    )
    other = Procedure.objects.create(ward=w.b, code="1.001193", name="Đăng ký khai sinh", field="x")
    return SimpleNamespace(
        **vars(w),
        team=team,
        member=w.users[Role.TEAM_MEMBER],
        leader=w.users[Role.TEAM_LEADER],
        officer=w.users[Role.ONE_STOP],
        procedure=procedure,
        other_procedure=other,
        household=w.households["a1"],
        resident=w.residents["a1"],
    )


def new_request(hs, **fields):
    data = {
        "ward": hs.a,
        "area": hs.a1,
        "household": hs.household,
        "resident": hs.resident,
        "source": "field_visit",
        "consent": True,
        "by": hs.member,
        "procedure_id": hs.procedure.pk,
    }
    data.update(fields)
    return request_create(**data)


def soon(hours=24):
    return timezone.now() + datetime.timedelta(hours=hours)


def mark_elderly(hs, household=None):
    return vulnerability_record(
        household=household or hs.household, kind="elderly_alone", consent=True, by=hs.member
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


__all__ = ["factories", "mark_elderly", "new_request", "signed_in", "soon"]

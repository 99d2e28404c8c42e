import datetime
import uuid
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from teams.models import TeamMember
from teams.services import team_create, team_member_add
from tests import factories
from wards.roles import Role


@pytest.fixture
def teams(two_wards):
    """two_wards plus teams: team A1 (leader and member of area a1), a member of area a2 in another
    team of the same ward, and a member of area b1 in the other ward."""
    w = two_wards
    team = team_create(ward=w.a, name="Tổ công nghệ số A1", areas=[w.a1])
    leader = w.users[Role.TEAM_LEADER]
    member = w.users[Role.TEAM_MEMBER]
    team_member_add(team=team, user=leader, role=TeamMember.Role.LEADER)
    team_member_add(team=team, user=member, role=TeamMember.Role.MEMBER)
    team_a2 = team_create(ward=w.a, name="Tổ công nghệ số A2", areas=[w.a2])
    other_area = factories.user("u_member_a2")
    team_member_add(team=team_a2, user=other_area, role=TeamMember.Role.MEMBER)
    team_b = team_create(ward=w.b, name="Tổ công nghệ số B1", areas=[w.b1])
    other_ward = factories.user("u_member_b1")
    team_member_add(team=team_b, user=other_ward, role=TeamMember.Role.MEMBER)
    for user in (leader, member, other_area, other_ward):
        user.__dict__.pop("_ward_memberships", None)
    return SimpleNamespace(
        **vars(w),
        team=team,
        team_a2=team_a2,
        team_b=team_b,
        leader=leader,
        member=member,
        other_area=other_area,
        other_ward=other_ward,
        household=w.households["a1"],
        resident=w.residents["a1"],
    )


def record(household, **fields) -> dict:
    """A visit record as the phone sends it."""
    data = {
        "client_uuid": str(uuid.uuid4()),
        "household_id": household.pk,
        "visited_at": (timezone.now() - datetime.timedelta(minutes=5)).isoformat(),
        "outcome": "done",
        "attendees": [],
        "notes": "",
    }
    data.update(fields)
    return data


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client

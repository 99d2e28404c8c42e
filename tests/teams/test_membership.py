"""A team's areas and members are the one source of its members' ward memberships."""

import pytest

from teams.models import TeamMember
from teams.services import (
    TeamError,
    team_create,
    team_delete,
    team_member_add,
    team_member_remove,
    team_member_set_areas,
    team_set_areas,
)
from tests import factories
from wards.models import Household, Membership
from wards.roles import Role


def areas_of(user) -> set[str]:
    user.__dict__.pop("_ward_memberships", None)
    return {h.area.code for h in Household.objects.for_user(user)}


def test_joining_a_team_grants_its_areas_and_leaving_takes_them_back(teams):
    newcomer = factories.user("newcomer")
    place = team_member_add(team=teams.team, user=newcomer, role=TeamMember.Role.MEMBER)
    membership = Membership.objects.get(user=newcomer, ward=teams.a)
    assert membership.role == Role.TEAM_MEMBER
    assert areas_of(newcomer) == {"a1"}

    team_member_remove(place=place)
    assert areas_of(newcomer) == set()


def test_a_member_may_walk_part_of_the_team_area_and_a_leader_all_of_it(teams):
    team_set_areas(team=teams.team, areas=[teams.a1, teams.a2])
    assert areas_of(teams.leader) == {"a1", "a2"}
    assert areas_of(teams.member) == {"a1"}  # a member keeps what they walked

    place = TeamMember.objects.get(team=teams.team, user=teams.member)
    team_member_set_areas(place=place, areas=[teams.a2])
    assert areas_of(teams.member) == {"a2"}

    team_set_areas(team=teams.team, areas=[teams.a1])
    assert areas_of(teams.member) == set()
    assert areas_of(teams.leader) == {"a1"}


def test_leading_any_team_makes_a_team_leader(teams):
    team_member_add(team=teams.team_a2, user=teams.member, role=TeamMember.Role.LEADER)
    membership = Membership.objects.get(user=teams.member, ward=teams.a)
    assert membership.role == Role.TEAM_LEADER
    assert areas_of(teams.member) == {"a1", "a2"}


def test_areas_outside_the_team_are_refused_in_vietnamese(teams):
    with pytest.raises(TeamError, match="không thuộc tổ"):
        team_member_add(
            team=teams.team, user=teams.member, role=TeamMember.Role.MEMBER, areas=[teams.a2]
        )


def test_someone_with_another_role_in_the_ward_is_not_silently_demoted(teams):
    admin = teams.users[Role.WARD_ADMIN]
    with pytest.raises(TeamError, match="một vai trò"):
        team_member_add(team=teams.team, user=admin, role=TeamMember.Role.MEMBER)
    assert Membership.objects.get(user=admin, ward=teams.a).role == Role.WARD_ADMIN


def test_an_area_of_another_ward_is_never_given(teams):
    team = team_create(ward=teams.a, name="Tổ thử", areas=[teams.a1, teams.b1])
    assert set(team.areas.all()) == {teams.a1}


def test_deleting_a_team_removes_its_areas_from_its_members(teams):
    team_delete(team=teams.team_a2)
    assert areas_of(teams.other_area) == set()
    assert areas_of(teams.member) == {"a1"}

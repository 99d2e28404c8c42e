"""Who sees which households and residents: the rules of wards/scoping.py."""

import pytest

from wards.models import AdoptionEvent, Household, Resident, Ward
from wards.roles import Role


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        (Role.WARD_ADMIN, {"a1", "a2"}),
        (Role.COMMUNICATIONS, {"a1", "a2"}),
        (Role.TEAM_LEADER, {"a1"}),
        (Role.TEAM_MEMBER, {"a1"}),
        (Role.LEADER, set()),  # aggregates only
        (Role.PROVINCE_ADMIN, set()),  # aggregates only
    ],
)
def test_households_and_residents_by_role(two_wards, role, visible):
    user = two_wards.users[role]
    households = {h.area.code for h in Household.objects.for_user(user)}
    residents = {r.household.area.code for r in Resident.objects.for_user(user)}
    assert households == visible
    assert residents == visible


def test_nothing_of_another_ward_leaks(two_wards):
    outsider = two_wards.users["outsider"]
    assert {h.area.code for h in Household.objects.for_user(outsider)} == {"b1"}
    assert list(Ward.objects.for_user(outsider)) == [two_wards.b]


def test_aggregate_wards(two_wards):
    assert set(Ward.objects.for_aggregates(two_wards.users[Role.PROVINCE_ADMIN])) == {
        two_wards.a,
        two_wards.b,
    }
    assert list(Ward.objects.for_aggregates(two_wards.users[Role.LEADER])) == [two_wards.a]
    assert not Ward.objects.for_aggregates(two_wards.users[Role.TEAM_MEMBER]).exists()


def test_anonymous_sees_nothing(two_wards):
    from django.contrib.auth.models import AnonymousUser

    assert not Household.objects.for_user(AnonymousUser()).exists()
    assert not AdoptionEvent.objects.for_user(AnonymousUser()).exists()


def test_inactive_user_sees_nothing(two_wards):
    user = two_wards.users[Role.WARD_ADMIN]
    user.is_active = False
    user.save()
    user.__dict__.pop("_ward_memberships", None)
    assert not Household.objects.for_user(user).exists()

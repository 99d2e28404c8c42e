"""The Wagtail admin shows each role exactly the people wards/scoping.py allows."""

import pytest
from django.urls import reverse

from wards.models import Household
from wards.roles import Role


def listing(client, user, name):
    client.force_login(user)
    return client.get(reverse(f"{name}:index"))


def test_ward_admin_lists_own_ward_only(client, two_wards):
    body = listing(client, two_wards.users[Role.WARD_ADMIN], "households").content.decode()
    assert two_wards.households["a1"].code in body and two_wards.households["a2"].code in body
    assert two_wards.households["b1"].code not in body


def test_another_wards_household_is_not_found_by_id(client, two_wards):
    client.force_login(two_wards.users["outsider"])
    household = two_wards.households["a1"]
    for view in ("edit", "delete", "history"):
        response = client.get(reverse(f"households:{view}", args=[household.pk]))
        assert response.status_code == 404, view


def test_admin_add_form_offers_only_visible_areas_and_normalises_the_phone(client, two_wards):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    response = client.post(
        reverse("households:add"),
        {
            "area": two_wards.b1.pk,
            "address": "1 Lê Lợi",
            "head_name": "An",
            "size": 1,
        },
    )
    assert response.status_code == 200  # form re-shown: another ward's area is not a choice
    assert "1 Lê Lợi" in response.content.decode()  # what was typed is kept
    response = client.post(
        reverse("households:add"),
        {
            "area": two_wards.a1.pk,
            "address": "1 Lê Lợi",
            "head_name": "An",
            "phone": "0912 345 678",
            "size": 1,
        },
    )
    assert response.status_code == 302
    household = Household.objects.get(address="1 Lê Lợi")
    assert household.ward == two_wards.a and household.phone == "+84912345678"
    assert household.code.startswith("A1-")


def test_bad_phone_in_admin_form_gets_a_vietnamese_message(client, two_wards):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    response = client.post(
        reverse("households:add"),
        {
            "area": two_wards.a1.pk,
            "address": "2 Lê Lợi",
            "head_name": "Bình",
            "phone": "12345",
            "size": 1,
        },
    )
    assert "không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("role", [Role.LEADER, Role.TEAM_MEMBER, Role.TEAM_LEADER])
def test_roles_without_admin_access_are_sent_to_sign_in(client, two_wards, role):
    response = listing(client, two_wards.users[role], "households")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.WARD_ADMIN, "/admin/"),
        (Role.COMMUNICATIONS, "/admin/"),
        (Role.PROVINCE_ADMIN, "/thong-ke/"),  # the ranking of the province's wards
    ],
)
def test_sign_in_lands_each_admin_role_in_the_admin(client, two_wards, role, expected):
    response = client.post(
        reverse("wards:login"), {"username": f"u_{role}", "password": "pw-for-tests"}
    )
    assert response.status_code == 302
    assert client.get(response.url).url == expected


def test_login_is_throttled_after_repeated_failures(client, two_wards):
    for _ in range(5):
        client.post(reverse("wards:login"), {"username": "u_leader", "password": "wrong"})
    response = client.post(
        reverse("wards:login"), {"username": "u_leader", "password": "pw-for-tests"}
    )
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()

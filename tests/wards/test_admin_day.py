"""Staff's first week in the admin: Vietnamese by default, accent-free search, no dead menu items."""

from django.urls import reverse

from tests import factories
from wards.roles import Role


def test_admin_is_vietnamese_even_when_the_browser_asks_for_english(client, two_wards):
    client.force_login(two_wards.users[Role.COMMUNICATIONS])
    response = client.get(reverse("households:index"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'lang="vi"' in body
    assert "Tìm kiếm" in body and ">Search<" not in body


def test_household_search_ignores_accents(client, two_wards):
    household = factories.household(two_wards.a1, head_name="Đinh Gia An")
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    body = client.get(reverse("households:index"), {"q": "dinh gia an"}).content.decode()
    assert household.code in body
    assert two_wards.households["a2"].code not in body


def test_resident_search_ignores_accents_and_case(client, two_wards):
    factories.resident(two_wards.households["a1"], full_name="Đinh Gia An")
    client.force_login(two_wards.users[Role.COMMUNICATIONS])
    body = client.get(reverse("residents:index"), {"q": "DINH gia an"}).content.decode()
    assert "Đinh Gia An" in body
    assert "Cư Dân A2" not in body


def test_search_that_matches_nothing_says_so_in_vietnamese(client, two_wards):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    body = client.get(reverse("households:index"), {"q": "khong co ai"}).content.decode()
    assert "match your query" not in body
    assert "khong co ai" in body  # the query stays in the box


def test_import_menu_is_not_offered_to_staff_who_cannot_import(client, two_wards):
    client.force_login(two_wards.users[Role.COMMUNICATIONS])
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wards_import", args=["ho-gia-dinh"]) not in body
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wards_import", args=["ho-gia-dinh"]) in body


def test_province_admin_lands_on_the_ranking_of_wards(client, two_wards):
    client.force_login(two_wards.users[Role.PROVINCE_ADMIN])
    response = client.get(reverse("wards:landing"))
    assert response.status_code == 302
    assert response["Location"] == reverse("stats:dashboard")

"""One sign-in throttle for every sign-in path, forwarded headers trusted only from own proxies,
and the admin sending people without admin access to their own page."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from config.ratelimit import client_address, over_limit
from wards.models import RateCount
from wards.roles import Role

WRONG = {"username": "u_ward_admin", "password": "wrong"}
RIGHT = {"username": "u_ward_admin", "password": "pw-for-tests"}


def wrong_attempts(client, path, times, **headers):
    return [client.post(path, WRONG, **headers).status_code for _ in range(times)]


def test_wagtails_login_page_is_the_throttled_sign_in(client, two_wards):
    assert wrong_attempts(client, "/dang-nhap/", 5) == [400] * 5
    response = client.post("/admin/login/", RIGHT)
    assert response.status_code == 429
    assert "sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_admin_login_counts_toward_the_same_lock(client, two_wards):
    assert wrong_attempts(client, "/admin/login/", 5) == [400] * 5
    assert client.post("/dang-nhap/", RIGHT).status_code == 429


def test_exactly_the_configured_number_of_wrong_passwords_is_checked(client, two_wards, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    assert wrong_attempts(client, "/dang-nhap/", 5) == [400, 400, 400, 429, 429]


def test_a_forged_forwarded_header_does_not_buy_more_attempts(client, two_wards):
    codes = [
        client.post(
            "/dang-nhap/",
            {"username": f"nobody{n}", "password": "x"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(25)
    ]
    assert codes.count(429) == 5  # the per-client limit (4 × 5) held although every hop differed


def test_forwarded_addresses_are_read_only_behind_configured_proxies(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.1"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "203.0.113.9"  # never the forged first hop


@pytest.mark.django_db
def test_the_database_store_counts_in_one_shared_row(settings):
    settings.RATELIMIT_STORE = "database"
    assert [over_limit("t", "k", limit=2, window_seconds=60) for _ in range(4)] == [
        False,
        False,
        True,
        True,
    ]
    assert RateCount.objects.get().count == 4
    assert "k" not in RateCount.objects.get().name  # the key is hashed


@pytest.mark.parametrize("role", [Role.LEADER, Role.TEAM_LEADER, Role.TEAM_MEMBER])
def test_admin_sends_a_signed_in_non_staff_user_to_their_own_page(client, two_wards, role):
    client.force_login(two_wards.users[role])
    response = client.get("/admin/", follow=True)
    hops = [url for url, _status in response.redirect_chain]
    assert len(hops) <= 3, hops
    assert response.status_code == 200
    assert not response.request["PATH_INFO"].startswith("/admin/")
    assert "không dùng trang quản trị" in response.content.decode()


def test_signing_in_with_next_admin_as_a_team_member_lands_on_their_page(client, two_wards):
    response = client.post(
        "/dang-nhap/?next=/admin/", {"username": "u_team_member", "password": "pw-for-tests"}
    )
    assert response.status_code == 302 and not response["Location"].startswith("/admin/")


def test_site_history_is_for_province_administrators_only(client, two_wards):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    for path in ("/admin/reports/site-history/", "/admin/reports/site-history/results/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    home = client.get("/admin/").content.decode()
    assert "/admin/reports/site-history/" not in home
    client.force_login(two_wards.users[Role.PROVINCE_ADMIN])
    assert client.get("/admin/reports/site-history/").status_code == 200


@pytest.mark.django_db
def test_crossing_a_window_boundary_buys_no_extra_tries(settings, monkeypatch):
    from types import SimpleNamespace

    import config.ratelimit

    settings.RATELIMIT_STORE = "database"
    clock = iter([899.0] * 3 + [901.0] * 3)
    monkeypatch.setattr(config.ratelimit, "time", SimpleNamespace(time=lambda: next(clock)))
    hits = [over_limit("t", "k", limit=3, window_seconds=900) for _ in range(6)]
    assert hits == [False, False, False, True, True, True]

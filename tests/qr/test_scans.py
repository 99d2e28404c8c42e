"""`/q/<code>`: a 302 that is never cached, one INSERT per scan, and nothing personal stored."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qr import scanlog, services, shortlinks
from qr.models import Device, Scan

PHONE = (
    "Mozilla/5.0 (Linux; Android 12; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Mobile Safari/537.36"
)
ZALO_IN_APP = PHONE + " Zalo android/12100693 ZaloTheme/light ZaloLanguage/vn"
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
BOTS = [
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Zalo",
    "WhatsApp/2.23.20.0",
    "TelegramBot (like TwitterBot)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Twitterbot/1.0",
    "curl/8.5.0",
    "python-requests/2.31.0",
    "",
]


@pytest.fixture
def link(catalogue):
    return services.short_link_get_or_create(procedure=catalogue.birth, placement=catalogue.counter)


def scan(client, link, **headers):
    return client.get(f"/q/{link.code}", HTTP_HOST="anbinh.test", **headers)


def test_a_scan_is_a_302_to_the_procedure_page_never_cached(client, link):
    response = scan(client, link, HTTP_USER_AGENT=PHONE)
    assert response.status_code == 302
    assert response["Location"] == "/thu-tuc/1-001193/"
    assert response["Cache-Control"] == "no-store"
    page = client.get(response["Location"], HTTP_HOST="anbinh.test")
    assert page.status_code == 200
    assert "Đăng ký khai sinh" in page.content.decode()


def test_each_scan_is_logged_with_device_and_a_daily_visitor_hash_but_no_address(client, link):
    scan(client, link, HTTP_USER_AGENT=PHONE, REMOTE_ADDR="203.0.113.7")
    scan(client, link, HTTP_USER_AGENT=PHONE, REMOTE_ADDR="203.0.113.7")
    scan(client, link, HTTP_USER_AGENT=IPHONE, REMOTE_ADDR="198.51.100.2")
    scans = list(Scan.objects.order_by("id"))
    assert [s.link_id for s in scans] == [link.pk] * 3
    assert [s.device for s in scans] == [Device.MOBILE] * 3
    assert not any(s.is_bot for s in scans)
    assert scans[0].visitor == scans[1].visitor != scans[2].visitor
    stored = " ".join(str(value) for row in Scan.objects.values_list() for value in row)
    assert "203.0.113.7" not in stored and "198.51.100.2" not in stored


def test_the_visitor_hash_changes_every_day():
    today = datetime.date(2026, 3, 2)
    same_day = scanlog.visitor_hash("203.0.113.7", PHONE, today)
    assert same_day == scanlog.visitor_hash("203.0.113.7", PHONE, today)
    assert same_day != scanlog.visitor_hash("203.0.113.7", PHONE, today + datetime.timedelta(1))


def test_code_typed_in_capitals_still_works(client, link):
    response = client.get(f"/q/{link.code.upper()}", HTTP_HOST="anbinh.test")
    assert response.status_code == 302


def test_head_and_prefetch_are_answered_but_not_counted(client, link):
    assert client.head(f"/q/{link.code}", HTTP_HOST="anbinh.test").status_code == 302
    assert scan(client, link, HTTP_SEC_PURPOSE="prefetch").status_code == 302
    assert scan(client, link, HTTP_SEC_PURPOSE="prefetch;prerender").status_code == 302
    assert scan(client, link, HTTP_PURPOSE="prefetch").status_code == 302
    assert Scan.objects.count() == 0


def test_bots_and_link_previews_are_logged_but_flagged(client, link):
    response = scan(client, link, HTTP_USER_AGENT=BOTS[0])
    assert response.status_code == 302  # a preview still shows the page's title
    assert Scan.objects.get().is_bot


@pytest.mark.parametrize("agent", BOTS)
def test_crawlers_previews_and_http_libraries_are_bots(agent):
    assert scanlog.is_bot(agent)


@pytest.mark.parametrize("agent", [PHONE, ZALO_IN_APP, IPHONE])
def test_phones_including_zalo_in_app_browser_are_people(agent):
    assert not scanlog.is_bot(agent)


def test_a_warm_scan_costs_one_insert_and_nothing_else(client, link):
    scan(client, link, HTTP_USER_AGENT=PHONE)  # warms the code → target cache
    with CaptureQueriesContext(connection) as queries:
        scan(client, link, HTTP_USER_AGENT=PHONE)
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert statements.count("INSERT") == 1
    assert all(s in ("INSERT", "BEGIN", "SAVEPOINT", "RELEASE") for s in statements), statements


def test_an_unknown_code_gets_a_friendly_page_with_search(client, catalogue):
    response = client.get("/q/zzzzz", HTTP_HOST="anbinh.test")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy mã" in body
    assert 'action="/thu-tuc/"' in body and 'name="q"' in body
    assert client.get("/q/" + "x" * 300, HTTP_HOST="anbinh.test").status_code == 404
    assert client.get("/q/%C4%91%E1%BA%A5t", HTTP_HOST="anbinh.test").status_code == 404


def test_a_retired_placement_stops_redirecting_at_once_and_points_to_the_procedure(client, link):
    assert scan(client, link).status_code == 302
    link.placement.active = False
    link.placement.save()
    response = scan(client, link)
    assert response.status_code == 404
    body = response.content.decode()
    assert "Mã này đã ngừng dùng" in body and 'href="/thu-tuc/1-001193/"' in body
    assert Scan.objects.count() == 1


def test_a_retired_procedure_is_not_served(client, link):
    link.procedure.active = False
    link.procedure.save()
    assert scan(client, link).status_code == 404
    assert client.get("/thu-tuc/1-001193/", HTTP_HOST="anbinh.test").status_code == 404


def test_post_is_refused(client, link):
    assert client.post(f"/q/{link.code}", HTTP_HOST="anbinh.test").status_code == 405


def test_short_url_fits_40_characters_and_long_hosts_are_named(catalogue, settings):
    url = shortlinks.short_url(catalogue.a, "abcde")
    assert url == "http://anbinh.test/q/abcde" and len(url) <= 40
    assert shortlinks.host_problem(catalogue.a) is None
    site = catalogue.a.site
    site.hostname = "phuong-an-binh.thanh-pho-thu-duc.gov.vn"
    site.save()
    catalogue.a.refresh_from_db()
    problem = shortlinks.host_problem(catalogue.a)
    assert problem and "dài quá" in problem and "40" in problem
    with pytest.raises(services.PosterProblem, match="dài quá"):
        services.short_link_get_or_create(procedure=catalogue.birth, placement=catalogue.board)


def test_short_links_use_the_public_address_for_the_site_people_reach(catalogue, settings):
    settings.PUBLIC_BASE_URL = "https://anbinh.test"
    assert shortlinks.short_url(catalogue.a, "abcde") == "https://anbinh.test/q/abcde"


def test_one_link_per_procedure_and_placement(catalogue):
    first = services.short_link_get_or_create(procedure=catalogue.birth, placement=catalogue.board)
    again = services.short_link_get_or_create(procedure=catalogue.birth, placement=catalogue.board)
    other = services.short_link_get_or_create(
        procedure=catalogue.birth, placement=catalogue.counter
    )
    assert first == again and first.code != other.code
    assert set(first.code) <= set(shortlinks.ALPHABET)


def test_the_scan_log_keeps_its_own_connection_only_on_a_sqlite_file():
    from types import SimpleNamespace

    def wrapper(vendor, in_memory):
        return SimpleNamespace(
            vendor=vendor,
            is_in_memory_db=lambda: in_memory,
            settings_dict={"NAME": "db.sqlite3", "CONN_MAX_AGE": 0},
        )

    dedicated = scanlog.dedicated_log_settings(wrapper("sqlite", False))
    assert dedicated == {"NAME": "db.sqlite3", "CONN_MAX_AGE": None}  # kept open
    assert scanlog.dedicated_log_settings(wrapper("sqlite", True)) is None
    assert scanlog.dedicated_log_settings(wrapper("postgresql", False)) is None

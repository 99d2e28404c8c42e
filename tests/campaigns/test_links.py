"""A recipient's own short link and the self-service opt-out page linked from messages."""

import pytest
from django.test import Client

from campaigns import dispatch, services
from campaigns.models import Click, OptOut, OptOutEvent, Recipient
from tests.campaigns.conftest import campaign, person

pytestmark = pytest.mark.django_db
PHONE_BROWSER = "Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"


@pytest.fixture
def row(world):
    resident = person(world.a1, "Người Nhận")
    built = campaign(world.a, world.console, world.comms, areas=[world.a1])
    services.campaign_submit(campaign=built, by=world.comms)
    dispatch.run(world.console.pk)
    return Recipient.objects.get(campaign=built, resident=resident)


def test_link_redirects_to_the_target_and_logs_the_click(client, row):
    response = client.get(f"/l/{row.link_code}", headers={"User-Agent": PHONE_BROWSER})
    assert response.status_code == 302
    assert response["Cache-Control"] == "no-store"
    assert response["Location"] == "http://anbinh.test/"  # no page chosen: the ward's home
    row.refresh_from_db()
    assert row.first_clicked_at is not None and row.clicks == 1
    client.get(f"/l/{row.link_code}", headers={"User-Agent": PHONE_BROWSER})
    row.refresh_from_db()
    assert row.clicks == 2


def test_link_goes_to_the_chosen_page(client, row):
    from wagtail.models import Page

    home = row.campaign.ward.site.root_page
    lesson = home.add_child(instance=Page(title="Kích hoạt VNeID mức 2", slug="kich-hoat"))
    row.campaign.target_page = lesson
    row.campaign.save()
    response = client.get(
        f"/l/{row.link_code}", headers={"User-Agent": PHONE_BROWSER}, HTTP_HOST="anbinh.test"
    )
    assert response["Location"] == "/kich-hoat/"


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Purpose": "prefetch"},
        {"Purpose": "prefetch"},
    ],
)
def test_prefetch_is_not_a_click(client, row, headers):
    response = client.get(f"/l/{row.link_code}", headers={"User-Agent": PHONE_BROWSER, **headers})
    assert response.status_code == 302
    assert not Click.objects.exists()


def test_head_is_not_a_click(client, row):
    assert client.head(f"/l/{row.link_code}").status_code == 302
    assert not Click.objects.exists()


@pytest.mark.parametrize(
    "agent",
    ["facebookexternalhit/1.1", "Mozilla/5.0 (compatible; Googlebot/2.1)", "curl/8.0", ""],
)
def test_bots_and_link_previews_are_flagged_not_counted(client, row, agent):
    client.get(f"/l/{row.link_code}", headers={"User-Agent": agent})
    assert Click.objects.get().is_bot
    row.refresh_from_db()
    assert row.first_clicked_at is None and row.clicks == 0


def test_zalo_in_app_browser_is_a_person(client, row):
    agent = PHONE_BROWSER + " Zalo android/12110801 ZaloTheme/light ZaloLanguage/vn"
    client.get(f"/l/{row.link_code}", headers={"User-Agent": agent})
    assert not Click.objects.get().is_bot


def test_unknown_code_is_a_vietnamese_404(client, world):
    response = client.get("/l/khongco1")
    assert response.status_code == 404


def test_opt_out_page_stops_every_channel_and_can_undo(client, row):
    page = client.get(f"/tu-choi/{row.link_code}/")
    assert page.status_code == 200
    national = "0" + row.phone[3:]
    assert f"{national[:4]} *** {national[-3:]}" in page.content.decode()
    assert row.phone not in page.content.decode() and national not in page.content.decode()
    response = client.post(f"/tu-choi/{row.link_code}/", {"action": "out"})
    assert "Phường sẽ không gửi tin nhắn đến số này nữa" in response.content.decode()
    assert OptOut.objects.filter(phone=row.phone, source="self_service").exists()
    assert OptOutEvent.objects.get(action="out").campaign == row.campaign
    client.post(f"/tu-choi/{row.link_code}/", {"action": "in"})
    assert not OptOut.objects.filter(phone=row.phone).exists()


def test_opt_out_page_refuses_a_post_without_choice_and_without_csrf(row):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"/tu-choi/{row.link_code}/", {"action": "out"}).status_code == 403
    assert not OptOut.objects.exists()
    response = Client().post(f"/tu-choi/{row.link_code}/", {"action": "maybe"})
    assert response.status_code == 400
    assert "Vui lòng chọn" in response.content.decode()


def test_opt_out_page_is_rate_limited(client, row, monkeypatch):
    # A fixed window: keep the test inside one, whatever the clock says.
    monkeypatch.setattr("config.ratelimit.time.time", lambda: 1_800_000_000.0)
    codes = [
        client.post(f"/tu-choi/{row.link_code}/", {"action": "in"}).status_code for _ in range(12)
    ]
    assert codes[:10] == [200] * 10
    assert codes[-1] == 429

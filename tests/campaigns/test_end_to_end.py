"""The issue's "done when": an audience without VNeID level 2 in two areas, sent through the
console, the fake Twilio and the fake Zalo; callbacks over HTTP mark deliveries; a recipient
clicks; a later visit records the activation; the results page shows the funnel and uplift."""

import datetime
import time

import httpx
import pytest
from django.test import Client

from campaigns import results
from campaigns.models import Campaign, ChannelAccount, MessagingPolicy, Recipient
from tests.campaigns.conftest import person, twilio_account, zalo_account
from tests.fakes.twilio import FakeTwilio
from tests.fakes.zalo import FakeZalo
from wards.models import EventSource, Milestone
from wards.services import adoption_event_record

PHONE_BROWSER = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Mobile Safari/537.36"
R = Recipient.Status


def wait_until(check, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


def build_and_send(client, world, channel, **extra):
    """Communications staff build the campaign in the admin and send it."""
    data = {
        "ward": world.a.pk,
        "name": f"Kích hoạt VNeID mức 2 qua {channel.name}",
        "goal": Milestone.VNEID_LEVEL2_ACTIVATED,
        "areas": [world.a1.pk, world.a2.pk],
        "lacks": Milestone.VNEID_LEVEL2_ISSUED,
        "channel": channel.pk,
        "body": "Chào {ten}, mời bác kích hoạt VNeID mức 2: {lien_ket}",
        "holdout_percent": "20",
        "conversion_window_days": "30",
        "action": "save",
        **extra,
    }
    response = client.post("/admin/chien-dich/moi/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    built = Campaign.objects.latest("pk")
    client.post(f"/admin/chien-dich/{built.pk}/thao-tac/", {"action": "submit", "confirmed": "1"})
    built.refresh_from_db()
    return built


@pytest.mark.django_db(transaction=True)
def test_done_when(live_server, two_wards, settings):
    w = two_wards
    MessagingPolicy.objects.create(
        ward=w.a, send_from=datetime.time(0), send_until=datetime.time(0)
    )
    settings.PUBLIC_BASE_URL = live_server.url
    comms = w.users["communications"]
    people = [person(w.a1 if n % 2 else w.a2, f"Lê Thị {n}") for n in range(24)]
    level2 = person(w.a1, "Đã Có Mức 2", reached=[Milestone.VNEID_LEVEL2_ISSUED])
    client = Client()
    client.force_login(comms)
    client.get("/admin/chien-dich/moi/")  # creates the ward's console channel
    console = ChannelAccount.objects.get(ward=w.a, channel="console")
    console.rate_per_second = 500
    console.save()

    with FakeTwilio() as twilio_fake, FakeZalo() as zalo_fake:
        twilio = twilio_account(w.a, twilio_fake, name="Twilio")
        zalo = zalo_account(w.a, zalo_fake, name="Zalo OA")
        zalo_webhook = f"{live_server.url}/webhooks/zalo/{zalo.key}/"
        # Half the audience has no Zalo account; which of them land in the holdout depends on
        # the campaign's id, so the expectations below are read from the recipients' rows.
        no_zalo = {p.phone for p in people[::2]}
        for phone in no_zalo:
            zalo_fake.errors[phone] = -118

        sent = {
            "console": build_and_send(client, w, console),
            "twilio": build_and_send(client, w, twilio),
            "zalo": build_and_send(
                client,
                w,
                zalo,
                opt_template_id="reminder-01",
                opt_template_data="ten = {ho_ten}\nlink = {lien_ket}",
                sms_fallback=twilio.pk,
            ),
        }
        for built in sent.values():
            assert built.status in (Campaign.Status.SENDING, Campaign.Status.DONE)
            rows = Recipient.objects.filter(campaign=built)
            assert not rows.filter(resident=level2).exists()  # has level 2: not targeted
            assert rows.filter(status=R.HOLDOUT).exists()

        # The providers call back over HTTP, one at a time (in-memory SQLite in tests takes
        # one writer; on PostgreSQL the fakes' automatic callbacks work concurrently too).
        for message in twilio_fake.accepted:
            assert twilio_fake.send_status(message["provider_id"], "sent").status_code == 200
            assert twilio_fake.send_status(message["provider_id"], "delivered").status_code == 200
        for message in zalo_fake.accepted:
            assert zalo_fake.deliver_event(zalo_webhook, message["tracking_id"]).status_code == 200

        def all_delivered():
            return not Recipient.objects.filter(
                status__in=(R.QUEUED, R.SENDING, R.ACCEPTED, R.SENT)
            ).exists()

        assert wait_until(all_delivered), list(
            Recipient.objects.exclude(status__in=("delivered", "holdout", "excluded")).values_list(
                "status", "channel_account__name"
            )
        )
        # Each treated recipient got exactly one message on their channel; those without Zalo
        # got the Zalo campaign's SMS fallback on top.
        zalo_treated = Recipient.objects.filter(campaign=sent["zalo"]).treatment()
        fell_back = {row.phone for row in zalo_treated if row.phone in no_zalo}
        assert fell_back
        for row in Recipient.objects.filter(campaign=sent["twilio"]).treatment():
            expected = 1 + (1 if row.phone in fell_back else 0)
            assert len(twilio_fake.accepted_for(row.phone)) == expected
        for row in zalo_treated:
            assert row.status == R.DELIVERED
            assert row.used_fallback == (row.phone in fell_back)

    row = Recipient.objects.filter(campaign=sent["zalo"], status=R.DELIVERED).first()
    response = httpx.get(
        f"{live_server.url}/l/{row.link_code}", headers={"User-Agent": PHONE_BROWSER}
    )
    assert response.status_code == 302
    adoption_event_record(
        resident=row.resident,
        milestone=Milestone.VNEID_LEVEL2_ACTIVATED,
        source=EventSource.VISIT,
        verified=True,
        recorded_by=w.users["team_member"],
    )

    page = client.get(f"/admin/chien-dich/{sent['zalo'].pk}/ket-qua/").content.decode()
    assert "Phễu kết quả" in page and "Tác động so với nhóm đối chứng" in page
    assert "Zalo OA" in page and "Twilio" in page  # per channel, with the SMS fallback
    assert w.a1.name in page and w.a2.name in page
    funnel = results.campaign_results(sent["zalo"]).total
    assert funnel.get("clicked") == 1 and funnel.get("converted") == 1
    assert funnel.get("delivered") == funnel.get("to_send")

"""A campaign's link may open a province-library lesson: it opens at the ward's own address."""

import datetime
from types import SimpleNamespace

from django.test import Client

from campaigns import dispatch, services
from campaigns.models import MessagingPolicy, Recipient
from tests.campaigns.conftest import account, campaign, person

PHONE_BROWSER = "Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"


def sending_ward(wards):
    MessagingPolicy.objects.create(
        ward=wards.a, send_from=datetime.time(0, 0), send_until=datetime.time(0, 0)
    )
    return SimpleNamespace(
        **vars(wards), comms=wards.users["communications"], console=account(wards.a)
    )


def test_a_province_library_lesson_is_a_target_at_the_wards_own_address(lessons, settings):
    from campaigns.admin_forms import CampaignForm

    settings.CAMPAIGN_SENDER_THREADS = 1  # the test transaction is unseen by other threads
    world = sending_ward(lessons.wards)
    client = Client()

    offered = set(
        CampaignForm(ward=world.a).fields["target_page"].queryset.values_list("pk", flat=True)
    )
    assert {lessons.level2.pk, lessons.own.pk} <= offered
    assert lessons.wards.b.site.root_page.pk not in offered  # another ward's pages are not
    resident = person(world.a1, "Người Nhận")
    built = campaign(
        world.a, world.console, world.comms, areas=[world.a1], target_page=lessons.level2
    )
    services.campaign_submit(campaign=built, by=world.comms)
    dispatch.run(world.console.pk)
    row = Recipient.objects.get(campaign=built, resident=resident)
    response = client.get(
        f"/l/{row.link_code}", headers={"User-Agent": PHONE_BROWSER}, HTTP_HOST="anbinh.test"
    )
    assert response["Location"] == "/vneid/kich-hoat-muc-2/"  # under ward A's topic
    lesson_page = client.get(response["Location"], HTTP_HOST="anbinh.test")
    assert lesson_page.status_code == 200
    assert "Kích hoạt tài khoản VNeID mức 2" in lesson_page.content.decode()

"""The channel plug-in contract: a provider is one module under campaigns/channels/ plus one line
of settings; nothing else in the app names it."""

import pathlib
import re

import pytest
from django.urls import reverse

from campaigns import dispatch
from campaigns.admin_views.settings import webhook_urls
from campaigns.channels import (
    Channel,
    DeliveryStatus,
    DeliveryUpdate,
    ForgedCallback,
    Outcome,
    ProviderResult,
    channel_class,
)
from campaigns.channels.base import utc_now as utc_now_for_tests
from campaigns.models import Recipient
from tests.campaigns.conftest import account, campaign, person

APP = pathlib.Path(__file__).resolve().parents[2] / "campaigns"
PROVIDER_WORDS = re.compile(r"""["'](twilio_sms|zalo_zns|esms|twilio|zalo)["']""")


class PigeonChannel(Channel):
    """A provider added by settings alone: signs callbacks with a shared word."""

    key = "pigeon"
    label = "Bồ câu đưa thư"
    max_body_chars = 160
    crash_recovery = "resend"
    webhook_slug = "bo-cau"
    invalid_number_codes = frozenset({"no-roof"})
    account_error_codes = frozenset({"no-seed"})

    def send(self, message):
        code = self.config.get("answer", "")
        if code:
            return ProviderResult(Outcome.PERMANENT_ERROR, error_code=code)
        return ProviderResult(Outcome.ACCEPTED, provider_id=f"p-{message.message_id}")

    def callback_url(self, webhook_url, message_id):
        return webhook_url + "?m=" + message_id

    def parse_callback(self, request):
        if request.POST.get("word") != "coo":
            raise ForgedCallback("wrong word")
        return [
            DeliveryUpdate(
                provider_id=request.POST.get("id", ""),
                tracking_id="",
                status=DeliveryStatus.DELIVERED,
                error_code="",
                occurred_at=utc_now_for_tests(),
            )
        ]


@pytest.fixture
def pigeon(settings, world):
    settings.CAMPAIGN_CHANNELS = {
        **settings.CAMPAIGN_CHANNELS,
        "pigeon": f"{__name__}.PigeonChannel",
    }
    return account(world.a, "pigeon")


pytestmark = pytest.mark.django_db


def test_a_provider_added_in_settings_sends_and_hears_receipts(world, pigeon, client):
    from campaigns import services

    assert channel_class("pigeon") is PigeonChannel
    resident = person(world.a1, "Người Nhận")
    built = campaign(world.a, pigeon, world.comms, areas=[world.a1])
    services.campaign_submit(campaign=built, by=world.comms)
    dispatch.run(pigeon.pk)
    row = Recipient.objects.get(campaign=built, resident=resident)
    assert row.status == Recipient.Status.ACCEPTED and row.provider_id.startswith("p-")
    url = reverse("campaigns:webhook", args=["bo-cau", pigeon.key])
    assert url == f"/webhooks/bo-cau/{pigeon.key}/"
    assert client.post(url, {"word": "quack", "id": row.provider_id}).status_code == 403
    assert client.post(url, {"word": "coo", "id": row.provider_id}).status_code == 200
    row.refresh_from_db()
    assert row.status == Recipient.Status.DELIVERED
    assert webhook_urls(pigeon)[0][1].endswith(url)


def test_its_own_codes_decide_invalid_numbers(world, pigeon):
    from campaigns import services

    pigeon.settings = {"answer": "no-roof"}
    pigeon.save()
    resident = person(world.a1, "Người Nhận")
    built = campaign(world.a, pigeon, world.comms, areas=[world.a1])
    services.campaign_submit(campaign=built, by=world.comms)
    dispatch.run(pigeon.pk)
    row = Recipient.objects.get(campaign=built, resident=resident)
    assert row.failure == "invalid_number"


def test_an_account_error_of_the_channel_pauses_instead_of_failing(world, pigeon):
    from campaigns import services

    pigeon.settings = {"answer": "no-seed"}
    pigeon.save()
    person(world.a1, "Người Nhận")
    built = campaign(world.a, pigeon, world.comms, areas=[world.a1])
    services.campaign_submit(campaign=built, by=world.comms)
    dispatch.run(pigeon.pk)
    built.refresh_from_db()
    assert built.status == "paused" and built.pause_reason == "channel"


def test_an_unknown_channel_slug_is_refused_like_a_forgery(client, world):
    assert client.post(f"/webhooks/khong-co/{world.console.key}/").status_code == 403


def test_the_old_webhook_addresses_still_work():
    assert reverse("campaigns:webhook", args=["twilio", "k"]) == "/webhooks/twilio/k/"
    assert reverse("campaigns:webhook", args=["zalo", "k"]) == "/webhooks/zalo/k/"
    assert reverse("campaigns:webhook", args=["esms", "k"]) == "/webhooks/esms/k/"
    assert (
        reverse("campaigns:webhook_inbound", args=["twilio", "k"]) == "/webhooks/twilio/k/tin-den/"
    )


def test_no_module_outside_channels_names_a_provider():
    offenders = []
    for path in APP.rglob("*.py"):
        relative = path.relative_to(APP).as_posix()
        if relative.startswith(("channels/", "migrations/")):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if PROVIDER_WORDS.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


def test_each_invalid_number_code_is_defined_once_per_channel():
    for key in ("twilio_sms", "zalo_zns", "esms"):
        assert channel_class(key).invalid_number_codes
    assert "30005" in channel_class("twilio_sms").invalid_number_codes  # from receipts
    assert "21211" in channel_class("twilio_sms").invalid_number_codes  # from send replies
    source = "\n".join(p.read_text() for p in APP.rglob("*.py"))
    assert "INVALID_NUMBER_CODES" not in source

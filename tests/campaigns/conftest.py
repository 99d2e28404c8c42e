"""Builders for campaign tests: residents in known states, channel accounts on the fakes."""

import datetime
import itertools
from types import SimpleNamespace

import pytest
from django.utils import timezone

from campaigns import outbound, services
from campaigns.models import ChannelAccount, MessagingPolicy, Recipient
from tests import factories
from wards.models import EventSource, Milestone
from wards.services import adoption_event_record

_phones = itertools.count(1000)


def next_phone() -> str:
    return f"+8491{next(_phones):07d}"


def person(area, name="Trần Thị Bình", *, phone=None, consent=True, birth_year=1970, reached=()):
    """A resident in their own household; `reached` milestones are recorded as past events."""
    household = factories.household(area, phone="")
    resident = factories.resident(
        household,
        full_name=name,
        birth_year=birth_year,
        phone=next_phone() if phone is None else phone,
        consent=consent,
    )
    for milestone in reached:
        adoption_event_record(
            resident=resident,
            milestone=milestone,
            occurred_on=datetime.date(2025, 1, 1),
            source=EventSource.IMPORT,
            verified=True,
        )
    resident.refresh_from_db()
    return resident


def account(ward, channel="console", *, rate=1000, settings=None, secrets=None, name=None):
    return ChannelAccount.objects.create(
        ward=ward,
        channel=channel,
        name=name or channel,
        rate_per_second=rate,
        settings=settings or {},
        secrets=secrets or {},
        price_per_segment=800,
    )


def twilio_account(ward, fake, **kwargs):
    config = fake.channel_config()
    return account(
        ward,
        "twilio_sms",
        settings={k: v for k, v in config.items() if k != "auth_token"},
        secrets={"auth_token": config["auth_token"]},
        **kwargs,
    )


def zalo_account(ward, fake, **kwargs):
    config = fake.channel_config()
    secret_names = {"app_secret", "oa_secret_key", "access_token", "refresh_token"}
    return account(
        ward,
        "zalo_zns",
        settings={k: v for k, v in config.items() if k not in secret_names},
        secrets={k: v for k, v in config.items() if k in secret_names},
        **kwargs,
    )


def esms_account(ward, fake, **kwargs):
    config = fake.channel_config()
    secret_names = {"secret_key", "callback_token"}
    return account(
        ward,
        "esms",
        settings={k: v for k, v in config.items() if k not in secret_names},
        secrets={k: v for k, v in config.items() if k in secret_names},
        **kwargs,
    )


def campaign(ward, channel, by, *, areas=(), **fields):
    values = {
        "name": "Nhắc kích hoạt VNeID mức 2",
        "goal": Milestone.VNEID_LEVEL2_ACTIVATED,
        "channel": channel,
        "body": "Chào {ten}, phường mời bác kích hoạt VNeID mức 2: {lien_ket}",
        "holdout_percent": 0,
    }
    values.update(fields)
    return services.campaign_create(ward=ward, by=by, areas=areas, **values)


def interrupted(world, account, **fields):
    """A campaign of one resident whose row a dead worker claimed two minutes ago."""
    resident = person(world.a1, "Bị Gián Đoạn")
    built = campaign(world.a, account, world.comms, areas=[world.a1], **fields)
    services.campaign_submit(campaign=built, by=world.comms)
    row = Recipient.objects.get(campaign=built, resident=resident)
    message = outbound.outbound(
        account,
        Recipient.objects.select_related("campaign__ward", "resident", "area").get(pk=row.pk),
    )
    Recipient.objects.filter(pk=row.pk).update(
        status=Recipient.Status.SENDING,
        claim="dead-worker",
        claimed_at=timezone.now() - datetime.timedelta(minutes=2),
        body=message.body,
        attempts=1,
    )
    # The fixture's own resident of a1 is sent normally: only one row is in doubt.
    return built, row, message


@pytest.fixture(autouse=True)
def _one_sender(settings):
    """Tests run inside a transaction that other threads' connections cannot see."""
    settings.CAMPAIGN_SENDER_THREADS = 1


@pytest.fixture
def world(two_wards):
    """Ward A sends all day (no quiet hours) from a console account; `comms` builds campaigns."""
    w = two_wards
    MessagingPolicy.objects.create(
        ward=w.a, send_from=datetime.time(0, 0), send_until=datetime.time(0, 0)
    )
    return SimpleNamespace(
        **vars(w),
        comms=w.users["communications"],
        leader=w.users["leader"],
        console=account(w.a, "console"),
    )

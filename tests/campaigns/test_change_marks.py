"""Every write that moves a campaign's figures leaves a change mark for its ward (the feed stats
reads), in bulk: one per start, per dispatch batch, per callback, per first click."""

import pytest

from campaigns import dispatch, outbound, recovery, services
from campaigns.models import Campaign, Recipient
from tests.campaigns.conftest import campaign, interrupted, person, twilio_account
from tests.fakes.twilio import FakeTwilio
from wards.models import ChangeMark

pytestmark = pytest.mark.django_db
R = Recipient.Status


def marks(ward) -> int:
    return ChangeMark.objects.filter(ward_id=ward.pk, part=ChangeMark.Part.CAMPAIGNS).count()


def submitted(world, people=30):
    for n in range(people):
        person(world.a1, f"Người Nhận {n}")
    built = campaign(world.a, world.console, world.comms, areas=[world.a1])
    ChangeMark.objects.all().delete()
    services.campaign_submit(campaign=built, by=world.comms)
    return built


def test_a_campaign_is_marked_when_it_starts_and_not_when_paused_or_resumed(world):
    built = submitted(world)
    built.refresh_from_db()
    assert built.status == Campaign.Status.SENDING and marks(world.a) == 1
    services.campaign_pause(campaign=built, by=world.comms)
    services.campaign_resume(campaign=built, by=world.comms)
    assert marks(world.a) == 1  # the figures count from the start, which has not moved


def test_a_dispatch_batch_leaves_one_mark_not_one_per_message(world):
    built = submitted(world)
    ChangeMark.objects.all().delete()
    assert dispatch.run(world.console.pk) == "idle"
    assert Recipient.objects.filter(campaign=built, status=R.DELIVERED).count() == 31
    assert marks(world.a) == 1  # 31 messages, one batch (the account sends 1,000 a second)
    assert not ChangeMark.objects.exclude(ward_id=world.a.pk).exists()


def test_a_message_found_sent_after_a_crash_is_marked(world):
    with FakeTwilio() as fake:
        account = twilio_account(world.a, fake)
        _built, row, message = interrupted(world, account)
        with outbound.build_channel(account) as channel:
            channel.send(message)  # the dead worker's call reached Twilio
            ChangeMark.objects.all().delete()
            assert recovery.recover_interrupted(account, channel, "new-worker") == 1
    row.refresh_from_db()
    assert row.status == R.ACCEPTED and row.sent_at is not None
    assert marks(world.a) == 1


def test_a_bot_opening_the_link_leaves_no_mark(world):
    built = submitted(world, people=1)
    dispatch.run(world.console.pk)
    row = Recipient.objects.filter(campaign=built).first()
    ChangeMark.objects.all().delete()
    services.click_record(recipient=row, is_bot=True)
    assert marks(world.a) == 0
    services.click_record(recipient=row, is_bot=False)
    assert marks(world.a) == 1

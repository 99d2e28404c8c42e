"""A send interrupted by a crash ends with exactly one message, never two and never none."""

import datetime

import pytest
from django.utils import timezone

from campaigns import delivery, dispatch, leases, outbound, services
from campaigns.channels import DeliveryStatus, DeliveryUpdate
from campaigns.models import Campaign, Recipient
from tests.campaigns.conftest import (
    esms_account,
    interrupted,
    twilio_account,
    zalo_account,
)
from tests.fakes.esms import FakeEsms
from tests.fakes.twilio import FakeTwilio
from tests.fakes.zalo import FakeZalo

pytestmark = pytest.mark.django_db
R = Recipient.Status


def test_twilio_message_that_reached_twilio_is_not_sent_again(world):
    with FakeTwilio() as fake:
        account = twilio_account(world.a, fake)
        built, row, message = interrupted(world, account)
        # The dead worker's call did reach Twilio before the crash.
        with outbound.build_channel(account) as channel:
            first = channel.send(message)
        dispatch.run(account.pk)
        row.refresh_from_db()
        assert row.status == R.ACCEPTED and row.provider_id == first.provider_id
        assert len(fake.accepted_for(row.phone)) == 1


def test_twilio_message_that_never_left_is_sent_once(world):
    with FakeTwilio() as fake:
        account = twilio_account(world.a, fake)
        built, row, _message = interrupted(world, account)
        dispatch.run(account.pk)
        row.refresh_from_db()
        assert row.status == R.ACCEPTED
        assert len(fake.accepted_for(row.phone)) == 1


def test_a_claim_younger_than_the_lease_is_left_alone(world):
    with FakeTwilio() as fake:
        account = twilio_account(world.a, fake)
        built, row, _message = interrupted(world, account)
        Recipient.objects.filter(pk=row.pk).update(claimed_at=timezone.now())
        dispatch.run(account.pk)
        row.refresh_from_db()
        assert row.status == R.SENDING
        assert not fake.accepted_for(row.phone)


def test_esms_resend_is_deduplicated_by_request_id(world):
    with FakeEsms() as fake:
        account = esms_account(world.a, fake)
        built, row, message = interrupted(world, account)
        with outbound.build_channel(account) as channel:
            channel.send(message)  # the dead worker's call got through
        dispatch.run(account.pk)
        row.refresh_from_db()
        assert row.status == R.ACCEPTED and row.error_code == "124"
        assert len(fake.accepted_for(row.phone)) == 1


def test_zalo_message_in_doubt_is_held_for_staff_and_settled_by_its_webhook(world):
    with FakeZalo() as fake:
        account = zalo_account(world.a, fake)
        built, row, message = interrupted(
            world, account, channel_options={"template_id": "t", "template_data": "n = {ten}"}
        )
        with outbound.build_channel(account) as channel:
            sent = channel.send(message)
        dispatch.run(account.pk)
        row.refresh_from_db()
        assert row.status == R.UNKNOWN
        built.refresh_from_db()
        assert (built.status, built.pause_reason) == (Campaign.Status.PAUSED, "in_doubt")
        assert len(fake.accepted_for(row.phone)) == 1
        update = DeliveryUpdate(
            provider_id=sent.provider_id,
            tracking_id=row.uid.hex,
            status=DeliveryStatus.DELIVERED,
            error_code="",
            occurred_at=timezone.now(),
        )
        assert delivery.delivery_apply(account=account, updates=[update]) == []
        row.refresh_from_db()
        assert row.status == R.DELIVERED and row.provider_id == sent.provider_id


def test_staff_may_resend_messages_in_doubt(world):
    with FakeZalo() as fake:
        account = zalo_account(world.a, fake)
        built, row, _message = interrupted(
            world, account, channel_options={"template_id": "t", "template_data": "n = {ten}"}
        )
        dispatch.run(account.pk)
        built.refresh_from_db()
        services.campaign_resend_in_doubt(campaign=built, by=world.comms)
        dispatch.run(account.pk)
        row.refresh_from_db()
        assert row.status == R.ACCEPTED
        built.refresh_from_db()
        assert built.status == Campaign.Status.DONE


def test_a_stale_dispatcher_lease_is_taken_over(world, settings):
    settings.CAMPAIGN_DISPATCHER_STALE_SECONDS = 5
    assert leases.acquire(world.console.pk, "dead")
    type(world.console).objects.filter(pk=world.console.pk).update(
        dispatcher_seen_at=timezone.now() - datetime.timedelta(seconds=6)
    )
    assert leases.acquire(world.console.pk, "alive")


def test_console_messages_interrupted_are_simply_sent(world):
    built, row, _message = interrupted(world, world.console)
    dispatch.run(world.console.pk)
    row.refresh_from_db()
    assert row.status == R.DELIVERED and row.attempts == 2

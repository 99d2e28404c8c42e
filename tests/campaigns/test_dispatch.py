"""Sending through each channel against its loopback fake: outcomes, retries, fallback, limits."""

import datetime
import os

import pytest
from django.utils import timezone

from campaigns import dispatch, leases, services, tasks
from campaigns.models import Campaign, MessagingPolicy, OptOut, Recipient
from campaigns.pacing import Pacer
from tests.campaigns.conftest import campaign, esms_account, person, twilio_account, zalo_account
from tests.fakes.esms import FakeEsms
from tests.fakes.twilio import FakeTwilio
from tests.fakes.zalo import FakeZalo

pytestmark = pytest.mark.django_db
R = Recipient.Status


@pytest.fixture(scope="module")
def twilio():
    with FakeTwilio() as fake:
        yield fake


@pytest.fixture(scope="module")
def zalo():
    with FakeZalo() as fake:
        yield fake


@pytest.fixture(scope="module")
def esms():
    with FakeEsms() as fake:
        yield fake


@pytest.fixture(autouse=True)
def _fresh_fakes(twilio, zalo, esms):
    for fake in (twilio, zalo, esms):
        fake.reset()


def launch(world, account, people=3, **fields):
    residents = [person(world.a1, f"Người Nhận {n}") for n in range(people)]
    built = campaign(world.a, account, world.comms, areas=[world.a1], **fields)
    services.campaign_submit(campaign=built, by=world.comms)
    return built, residents


def rows(built, **filters):
    return Recipient.objects.filter(campaign=built, **filters)


def test_console_messages_land_in_the_outbox_as_delivered(world):
    built, residents = launch(world, world.console)
    assert dispatch.run(world.console.pk) == "idle"
    sent = rows(built, status=R.DELIVERED)
    assert sent.count() == 4  # three people + the fixture's resident of a1
    row = sent.get(resident=residents[0])
    assert row.body.startswith(f"Chào {residents[0].full_name.split()[-1]}, phường mời")
    assert f"/l/{row.link_code}" in row.body
    built.refresh_from_db()
    assert built.status == Campaign.Status.DONE


def test_twilio_send_with_the_real_request_shape_and_a_status_callback(world, twilio, settings):
    settings.CAMPAIGN_WEBHOOK_BASE_URL = "https://phuongso.example"
    account = twilio_account(world.a, twilio)
    built, residents = launch(world, account)
    dispatch.run(account.pk)
    assert len(twilio.accepted) == 4
    row = rows(built).get(resident=residents[1])
    [message] = twilio.accepted_for(row.phone)
    assert row.status == R.ACCEPTED and row.provider_id == message["provider_id"]
    assert message["status_callback"] == (
        f"https://phuongso.example/webhooks/twilio/{account.key}/?tracking_id={row.uid.hex}"
    )
    assert message["body"] == row.body


def test_permanent_errors_fail_once_and_opt_outs_feed_the_suppression_list(world, twilio):
    account = twilio_account(world.a, twilio)
    built, residents = launch(world, account)
    twilio.errors[residents[0].phone] = 21211
    twilio.errors[residents[1].phone] = 21610
    dispatch.run(account.pk)
    invalid = rows(built).get(resident=residents[0])
    assert (invalid.status, invalid.failure, invalid.attempts) == (R.FAILED, "invalid_number", 1)
    refused = rows(built).get(resident=residents[1])
    assert (refused.status, refused.failure) == (R.FAILED, "opted_out")
    assert OptOut.objects.filter(ward=world.a, phone=residents[1].phone, source="provider").exists()
    assert len(twilio.requests_to("Messages.json")) == 4  # nothing retried


def test_transient_errors_retry_with_backoff_then_succeed(world, twilio, settings):
    settings.CAMPAIGN_RETRY_BASE_SECONDS = 0.2
    account = twilio_account(world.a, twilio)
    built, residents = launch(world, account, people=1)
    phone = residents[0].phone
    twilio.errors[phone] = 20429
    started = timezone.now()
    dispatch.run(account.pk, budget_seconds=0.5)
    row = rows(built).get(resident=residents[0])
    assert row.status == R.QUEUED and row.attempts >= 1 and row.next_attempt_at > started
    del twilio.errors[phone]
    dispatch.run(account.pk)
    row.refresh_from_db()
    assert row.status == R.ACCEPTED
    assert len(twilio.accepted_for(phone)) == 1


def test_a_transient_error_that_persists_gives_up(world, twilio, settings):
    settings.CAMPAIGN_RETRY_BASE_SECONDS = 0
    settings.CAMPAIGN_MAX_ATTEMPTS = 3
    account = twilio_account(world.a, twilio)
    built, residents = launch(world, account, people=1)
    twilio.errors[residents[0].phone] = 500
    dispatch.run(account.pk)
    row = rows(built).get(resident=residents[0])
    assert (row.status, row.failure, row.attempts) == (R.FAILED, "gave_up", 3)


def test_zalo_without_account_falls_back_to_sms(
    world, zalo, twilio, django_capture_on_commit_callbacks
):
    sms = twilio_account(world.a, twilio, name="SMS")
    account = zalo_account(world.a, zalo)
    built, residents = launch(
        world,
        account,
        channel_options={
            "template_id": "tmpl-1",
            "template_data": "customer_name = {ho_ten}\nlink = {lien_ket}",
        },
        sms_fallback=sms,
    )
    no_zalo = residents[0].phone
    zalo.errors[no_zalo] = -118
    with django_capture_on_commit_callbacks(execute=True):
        dispatch.run(account.pk)  # starts the SMS account's dispatcher for the fallback
    moved = rows(built).get(resident=residents[0])
    assert moved.used_fallback and moved.channel_account == sms
    assert moved.status == R.ACCEPTED
    assert len(twilio.accepted_for(no_zalo)) == 1 and not zalo.accepted_for(no_zalo)
    zalo_row = rows(built).get(resident=residents[1])
    [message] = zalo.accepted_for(zalo_row.phone)
    assert message["tracking_id"] == zalo_row.uid.hex
    assert message["template_data"]["customer_name"] == residents[1].full_name
    assert zalo_row.status == R.ACCEPTED


def test_zalo_without_account_and_without_fallback_fails(world, zalo):
    account = zalo_account(world.a, zalo)
    built, residents = launch(
        world, account, channel_options={"template_id": "t", "template_data": "name = {ho_ten}"}
    )
    zalo.errors[residents[0].phone] = -118
    dispatch.run(account.pk)
    assert rows(built).get(resident=residents[0]).failure == "no_account"


def test_zalo_token_refresh_is_stored_for_every_worker(world, zalo):
    account = zalo_account(world.a, zalo)
    built, _people = launch(
        world, account, channel_options={"template_id": "t", "template_data": "n = {ten}"}
    )
    zalo.expire_access_token()
    dispatch.run(account.pk)
    account.refresh_from_db()
    assert account.secrets["access_token"] == zalo.access_token == "access-1"
    assert account.secrets["refresh_token"] == "refresh-1"
    assert account.token_expires_at is not None
    assert rows(built, status=R.ACCEPTED).count() == 4


def test_zalo_quota_pauses_the_campaign_until_the_next_day(world):
    with FakeZalo(daily_quota=2) as small:
        account = zalo_account(world.a, small)
        built, _people = launch(
            world, account, channel_options={"template_id": "t", "template_data": "n = {ten}"}
        )
        dispatch.run(account.pk)
        built.refresh_from_db()
        assert built.status == Campaign.Status.PAUSED and built.pause_reason == "quota"
        assert rows(built, status=R.ACCEPTED).count() == 2
        assert rows(built, status=R.QUEUED).count() == 2
        account.refresh_from_db()
        assert account.remaining_quota == 0
        tasks.tick(now=timezone.now())
        built.refresh_from_db()
        assert built.status == Campaign.Status.PAUSED
        tasks.tick(now=timezone.now() + datetime.timedelta(days=1))
        built.refresh_from_db()
        assert built.status == Campaign.Status.SENDING


def test_esms_sends_with_request_id_and_a_tokened_callback(world, esms, settings):
    settings.CAMPAIGN_WEBHOOK_BASE_URL = "https://phuongso.example"
    account = esms_account(world.a, esms)
    built, residents = launch(world, account, people=1)
    dispatch.run(account.pk)
    row = rows(built).get(resident=residents[0])
    [message] = esms.accepted_for(row.phone)
    assert message["tracking_id"] == row.uid.hex
    assert message["callback_url"].startswith(
        f"https://phuongso.example/webhooks/esms/{account.key}/"
    )
    assert "token=" in message["callback_url"]
    assert message["is_unicode"] == "1"


def test_outside_quiet_hours_sending_pauses_and_resumes(world):
    now = timezone.localtime()
    opens = (now + datetime.timedelta(hours=1)).time().replace(minute=0, second=0, microsecond=0)
    closes = (now + datetime.timedelta(hours=3)).time().replace(minute=0, second=0, microsecond=0)
    MessagingPolicy.objects.filter(ward=world.a).update(send_from=opens, send_until=closes)
    built, _people = launch(world, world.console)
    assert dispatch.run(world.console.pk) == "quiet hours"
    built.refresh_from_db()
    assert built.status == Campaign.Status.PAUSED and built.pause_reason == "quiet_hours"
    assert rows(built, status=R.QUEUED).count() == 4
    tasks.tick(now=timezone.now())  # still outside the window
    built.refresh_from_db()
    assert built.status == Campaign.Status.PAUSED
    tasks.tick(now=timezone.now() + datetime.timedelta(hours=1, minutes=30))
    built.refresh_from_db()
    assert built.status == Campaign.Status.SENDING


def test_numbers_at_the_cap_wait_and_opted_out_since_are_skipped(world):
    built, residents = launch(world, world.console)
    busy, gone = residents[0], residents[1]
    for _ in range(3):
        Recipient.objects.create(
            campaign=built, phone=busy.phone, status=R.DELIVERED, sent_at=timezone.now()
        )
    OptOut.objects.create(ward=world.a, phone=gone.phone, source="keyword")
    dispatch.run(world.console.pk)
    waiting = rows(built).get(resident=busy)
    assert waiting.status == R.QUEUED and waiting.next_attempt_at > timezone.now()
    skipped = rows(built).get(resident=gone)
    assert (skipped.status, skipped.exclusion) == (R.SKIPPED, "opted_out")


def test_a_rejected_account_pauses_the_campaign_instead_of_failing_everyone(world, twilio):
    account = twilio_account(world.a, twilio)
    account.secrets = {"auth_token": "wrong"}
    account.save()
    built, _people = launch(world, account)
    dispatch.run(account.pk)
    built.refresh_from_db()
    assert built.status == Campaign.Status.PAUSED and built.pause_reason == "channel"
    assert rows(built, status=R.QUEUED).count() == 4
    assert not rows(built, status=R.FAILED).exists()


def test_the_pacer_spaces_sends_to_the_rate():
    clock = [0.0]
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        clock[0] += seconds

    pacer = Pacer(100, sleep=sleep, clock=lambda: clock[0])
    for _ in range(200):
        pacer.wait()
        clock[0] += 0.004  # the send itself
    assert 1.98 <= clock[0] <= 2.02  # 200 messages at 100/s take two seconds


def test_one_dispatcher_per_account(world, monkeypatch):
    assert leases.acquire(world.console.pk, "first")
    assert not leases.acquire(world.console.pk, "second")
    beats = iter(range(100))
    monkeypatch.setattr(leases, "last_seen", lambda account_id: next(beats))  # alive
    monkeypatch.setattr(dispatch.time, "sleep", lambda seconds: None)
    assert dispatch.run(world.console.pk) == "busy"
    leases.release(world.console.pk, "first")
    assert leases.acquire(world.console.pk, "second")


def test_a_dead_dispatcher_is_taken_over_once_its_lease_is_stale(world, settings):
    settings.CAMPAIGN_DISPATCHER_STALE_SECONDS = 1
    assert leases.acquire(world.console.pk, "killed")  # and never heard of again
    launch(world, world.console, people=1)
    assert dispatch.run(world.console.pk) == "idle"
    assert not Recipient.objects.filter(status=R.QUEUED).exists()


def test_the_tick_refreshes_zalo_tokens_before_they_expire(world, zalo):
    account = zalo_account(world.a, zalo)
    account.token_expires_at = timezone.now() + datetime.timedelta(minutes=30)
    account.save()
    tasks.tick()  # tasks run in-process in tests
    account.refresh_from_db()
    assert account.secrets["access_token"] == "access-1" == zalo.access_token
    assert account.token_expires_at > timezone.now() + datetime.timedelta(hours=20)


def test_the_tick_command_starts_due_campaigns_from_cron(world):
    from django.core.management import call_command

    built, _people = launch(
        world, world.console, send_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert built.status == Campaign.Status.SCHEDULED
    Campaign.objects.filter(pk=built.pk).update(send_at=timezone.now())
    call_command("campaigns_tick", stdout=open(os.devnull, "w"))  # noqa: SIM115
    built.refresh_from_db()
    assert built.status == Campaign.Status.SENDING


def test_logs_never_carry_phone_numbers_or_secrets(world, zalo, twilio, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    sms = twilio_account(world.a, twilio, name="SMS")
    account = zalo_account(world.a, zalo)
    built, residents = launch(
        world,
        account,
        channel_options={"template_id": "t", "template_data": "n = {ten}"},
        sms_fallback=sms,
    )
    zalo.expire_access_token()
    zalo.errors[residents[0].phone] = -118
    twilio.errors[residents[0].phone] = 21610
    dispatch.run(account.pk)
    dispatch.run(sms.pk)
    assert "refused" in caplog.text  # the logs do say what happened
    secrets = [*account.secrets.values(), *sms.secrets.values(), zalo.access_token]
    for secret in secrets:
        assert secret not in caplog.text
    for row in Recipient.objects.filter(campaign=built):
        assert row.phone[3:] not in caplog.text


def test_residents_who_reached_the_goal_since_are_not_sent_but_stay_treated(world):
    from wards.models import EventSource, Milestone
    from wards.services import adoption_event_record

    built, residents = launch(world, world.console)
    adoption_event_record(
        resident=residents[0],
        milestone=Milestone.VNEID_LEVEL2_ACTIVATED,
        source=EventSource.VISIT,
        verified=True,
    )
    dispatch.run(world.console.pk)
    row = rows(built).get(resident=residents[0])
    assert (row.status, row.exclusion, row.sent_at) == (R.SKIPPED, "converted", None)
    assert rows(built).treatment().filter(resident=residents[0]).exists()


def test_staff_can_hold_a_campaign_the_quiet_hours_paused(world):
    built, _people = launch(world, world.console)
    services.campaign_pause(campaign=built, reason=Campaign.PauseReason.QUIET_HOURS)
    services.campaign_pause(campaign=built, by=world.comms)
    assert built.pause_reason == "staff"
    tasks.tick(now=timezone.now())
    built.refresh_from_db()
    assert built.status == Campaign.Status.PAUSED  # the tick resumes only automatic pauses

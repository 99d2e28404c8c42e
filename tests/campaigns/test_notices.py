"""notice_send: one message to one resident for another app, against the loopback fakes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from campaigns import notices, services, tasks
from campaigns.models import MessagingPolicy, Notice, OptOut, OptOutSource
from tests.campaigns.conftest import account, twilio_account, zalo_account
from tests.fakes.twilio import FakeTwilio, status_params, twilio_signature
from tests.fakes.zalo import FakeZalo
from wards.models import ChangeMark

pytestmark = pytest.mark.django_db
S = Notice.Status
PHONE = "+84912345001"


@pytest.fixture(scope="module")
def twilio_fake():
    with FakeTwilio() as fake:
        yield fake


@pytest.fixture(scope="module")
def zalo_fake():
    with FakeZalo() as fake:
        yield fake


@pytest.fixture(autouse=True)
def _fresh_fakes(twilio_fake, zalo_fake):
    twilio_fake.reset()
    zalo_fake.reset()


@pytest.fixture
def send(world, django_capture_on_commit_callbacks):
    """notice_send with its background task run (tests run tasks in-process)."""

    def _send(**fields):
        values = {
            "ward": world.a,
            "phone": PHONE,
            "text": "Tổ công nghệ số hẹn đến nhà bác lúc 9 giờ sáng mai.",
            "reason": "home_service",
            "dedup_key": "home_service:1:scheduled",
        }
        values.update(fields)
        with django_capture_on_commit_callbacks(execute=True):
            notice = notices.notice_send(**values)
        notice.refresh_from_db()
        return notice

    return _send


def test_a_notice_goes_out_once_per_key(world, send, twilio_fake):
    twilio_account(world.a, twilio_fake)
    first = send()
    again = send(text="Một nội dung khác")
    assert again.pk == first.pk and first.status == S.ACCEPTED
    [message] = twilio_fake.accepted_for(PHONE)
    assert "9 giờ sáng mai" in message["body"]
    assert Notice.objects.count() == 1
    marks = ChangeMark.objects.filter(ward_id=world.a.pk, part=ChangeMark.Part.CAMPAIGNS)
    assert marks.exists()


def test_without_a_real_account_the_ward_outbox_takes_it(world, send):
    notice = send()
    assert notice.status == S.DELIVERED
    assert notice.channel_account == world.console


def test_an_opted_out_number_is_suppressed_and_never_sent(world, send, twilio_fake):
    twilio_account(world.a, twilio_fake)
    OptOut.objects.create(ward=world.a, phone=PHONE, source=OptOutSource.KEYWORD)
    notice = send()
    assert notice.status == S.SUPPRESSED
    assert not twilio_fake.accepted_for(PHONE)


def test_an_opt_out_after_queueing_stops_the_send(world, twilio_fake):
    twilio_account(world.a, twilio_fake)
    notice = notices.notice_send(
        ward=world.a, phone=PHONE, text="Nhắc lịch", reason="r", dedup_key="k"
    )
    services.opt_out_record(ward=world.a, phone=PHONE, source=OptOutSource.KEYWORD)
    assert notices.notice_deliver(notice_id=notice.pk) == "suppressed"
    assert not twilio_fake.accepted_for(PHONE)


def test_a_bad_number_is_kept_as_failed_and_nothing_is_sent(world, send):
    notice = send(phone="1e5000")
    assert (notice.status, notice.failure, notice.phone) == (S.FAILED, "invalid_number", "")
    notice = send(phone="1e50", dedup_key="other")
    assert (notice.status, notice.failure, notice.phone) == (S.FAILED, "invalid_number", "")


def test_empty_or_oversized_text_is_refused_in_vietnamese(world):
    with pytest.raises(ValidationError, match="chưa có nội dung"):
        notices.notice_send(ward=world.a, phone=PHONE, text="  ", reason="r", dedup_key="a")
    with pytest.raises(ValidationError, match="dài quá"):
        notices.notice_send(ward=world.a, phone=PHONE, text="x" * 1001, reason="r", dedup_key="b")
    assert not Notice.objects.exists()


def test_quiet_hours_hold_the_notice_until_the_window_opens(world, send, twilio_fake):
    twilio_account(world.a, twilio_fake)
    MessagingPolicy.objects.filter(ward=world.a).update(
        send_from=datetime.time(7, 0), send_until=datetime.time(22, 0)
    )
    night = timezone.make_aware(datetime.datetime(2026, 3, 2, 23, 30))
    notice = notices.notice_send(
        ward=world.a, phone=PHONE, text="Nhắc lịch", reason="r", dedup_key="night"
    )
    assert notices.notice_deliver(notice_id=notice.pk, now=night).startswith("held")
    notice.refresh_from_db()
    assert notice.status == S.QUEUED and notice.hold == Notice.Hold.QUIET_HOURS
    assert timezone.localtime(notice.next_attempt_at).hour == 7
    assert not twilio_fake.accepted_for(PHONE)
    morning = notice.next_attempt_at
    assert notices.notice_deliver(notice_id=notice.pk, now=morning) == "sent"
    assert len(twilio_fake.accepted_for(PHONE)) == 1


def test_the_tick_releases_held_notices(world, twilio_fake, django_capture_on_commit_callbacks):
    twilio_account(world.a, twilio_fake)
    notice = notices.notice_send(
        ward=world.a, phone=PHONE, text="Nhắc lịch", reason="r", dedup_key="held"
    )
    Notice.objects.filter(pk=notice.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(minutes=1), hold="quiet_hours"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.tick()["notices"] == 1
    notice.refresh_from_db()
    assert notice.status == S.ACCEPTED and len(twilio_fake.accepted_for(PHONE)) == 1


def test_a_number_at_its_cap_waits_for_the_window_to_move(world, send, twilio_fake):
    twilio_account(world.a, twilio_fake)
    policy = MessagingPolicy.objects.get(ward=world.a)
    policy.per_recipient_cap = 2
    policy.save()
    for n in range(2):
        send(dedup_key=f"earlier:{n}")
    third = send(dedup_key="third")
    assert third.status == S.QUEUED and third.hold == Notice.Hold.CAP
    assert third.next_attempt_at > timezone.now() + datetime.timedelta(hours=23)
    assert len(twilio_fake.accepted_for(PHONE)) == 2


def test_a_template_goes_through_zalo_and_falls_back_to_sms_without_an_account(
    world, send, twilio_fake, zalo_fake
):
    twilio_account(world.a, twilio_fake)
    zalo_account(world.a, zalo_fake)
    data = {"customer_name": "Bác Bình", "time": "9:00"}
    on_zalo = send(template_id="tmpl-9", template_data=data)
    [message] = zalo_fake.accepted_for(PHONE)
    assert message["template_id"] == "tmpl-9" and message["template_data"] == data
    assert message["tracking_id"] == on_zalo.uid.hex and on_zalo.status == S.ACCEPTED
    assert not twilio_fake.accepted_for(PHONE)

    other = "+84912345002"
    zalo_fake.errors[other] = -118
    moved = send(phone=other, template_id="tmpl-9", template_data=data, dedup_key="no-zalo")
    assert moved.used_fallback and moved.status == S.ACCEPTED
    [sms] = twilio_fake.accepted_for(other)
    assert "9 giờ sáng mai" in sms["body"]


def test_a_notice_without_template_skips_zalo(world, send, twilio_fake, zalo_fake):
    twilio_account(world.a, twilio_fake)
    zalo_account(world.a, zalo_fake)
    send()
    assert len(twilio_fake.accepted_for(PHONE)) == 1 and not zalo_fake.accepted_for(PHONE)


def test_a_delivery_callback_updates_the_notice(world, send, twilio_fake, client):
    sms = twilio_account(world.a, twilio_fake)
    notice = send()
    url = reverse("campaigns:webhook", args=["twilio", sms.key])
    params = status_params(notice.provider_id, "delivered", To=PHONE)
    signature = twilio_signature(sms.secrets["auth_token"], "http://testserver" + url, params)
    response = client.post(url, params, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200
    notice.refresh_from_db()
    assert notice.status == S.DELIVERED and notice.delivered_at is not None
    late_sent = status_params(notice.provider_id, "sent", To=PHONE)
    signature = twilio_signature(sms.secrets["auth_token"], "http://testserver" + url, late_sent)
    client.post(url, late_sent, headers={"X-Twilio-Signature": signature})
    notice.refresh_from_db()
    assert notice.status == S.DELIVERED  # never backwards


def test_transient_errors_retry_later_then_give_up(world, send, twilio_fake, settings):
    settings.CAMPAIGN_MAX_ATTEMPTS = 2
    twilio_account(world.a, twilio_fake)
    twilio_fake.errors[PHONE] = 20429
    notice = send()
    assert notice.status == S.QUEUED and notice.hold == Notice.Hold.RETRY
    later = notice.next_attempt_at + datetime.timedelta(seconds=1)
    notices.notice_deliver(notice_id=notice.pk, now=later)
    notice.refresh_from_db()
    assert (notice.status, notice.failure) == (S.FAILED, "gave_up")


def test_an_interrupted_send_is_settled_by_the_channel_rule(world, settings):
    notice = notices.notice_send(
        ward=world.a, phone=PHONE, text="Nhắc lịch", reason="r", dedup_key="crash"
    )
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    Notice.objects.filter(pk=notice.pk).update(
        status=S.SENDING, claim="dead-worker", claimed_at=long_ago, channel_account=world.console
    )
    assert notices.notices_recover() == 1
    notice.refresh_from_db()
    assert notice.status == S.QUEUED and notice.claim == ""  # the console never sent it


def test_an_interrupted_template_send_is_held_not_resent(world, zalo_fake):
    zalo = zalo_account(world.a, zalo_fake)
    notice = notices.notice_send(
        ward=world.a, phone=PHONE, text="Nhắc", reason="r", dedup_key="z", template_id="t"
    )
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    Notice.objects.filter(pk=notice.pk).update(
        status=S.SENDING, claim="dead", claimed_at=long_ago, channel_account=zalo
    )
    notices.notices_recover()
    notice.refresh_from_db()
    assert notice.status == S.UNKNOWN
    assert not zalo_fake.accepted_for(PHONE)


def test_the_transition_map_refuses_illegal_moves(world):
    notice = notices.notice_send(
        ward=world.a, phone=PHONE, text="Nhắc", reason="r", dedup_key="map"
    )
    assert not notices.notice_transition(notice_id=notice.pk, to=S.DELIVERED)
    assert notices.notice_transition(notice_id=notice.pk, to=S.SUPPRESSED)
    assert not notices.notice_transition(notice_id=notice.pk, to=S.SENDING)


def test_logs_carry_no_phone_number(world, send, twilio_fake, caplog):
    twilio_account(world.a, twilio_fake)
    account(world.a, "twilio_sms", name="broken")  # misconfigured: no credentials
    with caplog.at_level("DEBUG"):
        send()
    assert PHONE not in caplog.text and PHONE[3:] not in caplog.text


def test_notices_count_towards_the_cap_campaigns_respect(world, send):
    from campaigns import audience

    policy = MessagingPolicy.objects.get(ward=world.a)
    policy.per_recipient_cap = 2
    policy.save()
    send(dedup_key="one")
    assert not audience.saturated_phones(world.a, [PHONE], policy)
    send(dedup_key="two")
    assert audience.saturated_phones(world.a, [PHONE], policy) == {PHONE}

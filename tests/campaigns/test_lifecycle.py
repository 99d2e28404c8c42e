"""draft → awaiting approval → scheduled → sending ⇄ paused → done / cancelled, in one function."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from campaigns import services, tasks
from campaigns.models import Campaign, MessagingPolicy, Recipient
from campaigns.services import IllegalTransition
from tests.campaigns.conftest import campaign, person

pytestmark = pytest.mark.django_db
S = Campaign.Status


@pytest.fixture
def ready(world):
    for n in range(6):
        person(world.a1, f"Người {n}")
    return campaign(world.a, world.console, world.comms, areas=[world.a1])


def set_threshold(ward, value):
    MessagingPolicy.objects.filter(ward=ward).update(approval_threshold=value)


def test_small_campaign_is_scheduled_and_starts_at_once(world, ready):
    services.campaign_submit(campaign=ready, by=world.comms)
    assert ready.status == S.SENDING
    assert ready.started_at is not None
    assert Recipient.objects.filter(campaign=ready, status="queued").count() == 7


def test_a_later_send_time_waits_for_the_tick(world, ready):
    ready.send_at = timezone.now() + datetime.timedelta(hours=2)
    ready.save()
    services.campaign_submit(campaign=ready, by=world.comms)
    assert ready.status == S.SCHEDULED
    tasks.tick(now=timezone.now())
    ready.refresh_from_db()
    assert ready.status == S.SCHEDULED
    tasks.tick(now=timezone.now() + datetime.timedelta(hours=3))
    ready.refresh_from_db()
    assert ready.status == S.SENDING


def test_big_campaign_waits_for_a_leader(world, ready):
    set_threshold(world.a, 3)
    services.campaign_submit(campaign=ready, by=world.comms)
    assert ready.status == S.AWAITING_APPROVAL
    with pytest.raises(PermissionDenied):
        services.campaign_approve(campaign=ready, by=world.comms)
    # Communications staff cannot skip the approval by scheduling directly.
    with pytest.raises(IllegalTransition):
        services.campaign_resume(campaign=ready, by=world.comms)
    services.campaign_approve(campaign=ready, by=world.leader)
    ready.refresh_from_db()
    assert ready.status == S.SENDING
    assert ready.approved_by == world.leader


def test_a_leader_sends_a_campaign_back_to_draft_with_a_note(world, ready):
    set_threshold(world.a, 3)
    services.campaign_submit(campaign=ready, by=world.comms)
    services.campaign_send_back(campaign=ready, by=world.leader, note="Nội dung quá dài")
    ready.refresh_from_db()
    assert ready.status == S.DRAFT
    assert ready.status_note == "Nội dung quá dài"
    assert not Recipient.objects.filter(campaign=ready).exists()


def test_illegal_moves_are_refused_in_vietnamese(world, ready):
    with pytest.raises(IllegalTransition) as error:
        services.campaign_pause(campaign=ready, by=world.comms)
    assert "Không thể chuyển chiến dịch" in error.value.messages[0]
    services.campaign_submit(campaign=ready, by=world.comms)
    with pytest.raises(IllegalTransition):
        services.campaign_submit(campaign=ready, by=world.comms)
    with pytest.raises(IllegalTransition):
        services.campaign_update(campaign=ready, by=world.comms, name="Đổi tên")


def test_pause_resume_and_cancel_skip_what_was_not_sent(world, ready):
    services.campaign_submit(campaign=ready, by=world.comms)
    services.campaign_pause(campaign=ready, by=world.comms)
    assert ready.status == S.PAUSED and ready.pause_reason == "staff"
    services.campaign_resume(campaign=ready, by=world.comms)
    assert ready.status == S.SENDING
    services.campaign_cancel(campaign=ready, by=world.comms)
    assert ready.status == S.CANCELLED
    rows = Recipient.objects.filter(campaign=ready)
    assert set(rows.values_list("status", flat=True)) == {"skipped"}
    assert set(rows.values_list("exclusion", flat=True)) == {"cancelled"}
    with pytest.raises(IllegalTransition):
        services.campaign_resume(campaign=ready, by=world.comms)


def test_nobody_to_send_to_is_a_clear_error(world):
    empty = campaign(world.a, world.console, world.comms, areas=[world.a2], min_age=120)
    with pytest.raises(ValidationError) as error:
        services.campaign_submit(campaign=empty, by=world.comms)
    assert "Không còn ai để gửi tin" in error.value.messages[0]
    empty.refresh_from_db()
    assert empty.status == S.DRAFT

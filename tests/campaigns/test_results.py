"""The funnel per campaign, channel and area, and conversions counted within the window."""

import datetime

import pytest
from django.utils import timezone

from campaigns import dispatch, results, services
from campaigns.models import Campaign, Failure, OptOutSource, Recipient
from tests.campaigns.conftest import campaign, person
from wards.models import EventSource, Milestone
from wards.services import adoption_event_record

pytestmark = pytest.mark.django_db
R = Recipient.Status
GOAL = Milestone.VNEID_LEVEL2_ACTIVATED


def convert(resident, day):
    adoption_event_record(
        resident=resident, milestone=GOAL, occurred_on=day, source=EventSource.VISIT, verified=True
    )


@pytest.fixture
def sent(world):
    people = [person(world.a1 if n % 2 else world.a2, f"Người {n}") for n in range(40)]
    built = campaign(
        world.a, world.console, world.comms, areas=[world.a1, world.a2], holdout_percent=25
    )
    services.campaign_submit(campaign=built, by=world.comms)
    dispatch.run(world.console.pk)
    built.refresh_from_db()
    rows = {r.resident_id: r for r in Recipient.objects.filter(campaign=built)}
    return built, people, rows


def test_funnel_counts_each_step(sent, world):
    built, people, rows = sent
    treated = [p for p in people if rows[p.pk].status == R.DELIVERED]
    held = [p for p in people if rows[p.pk].status == R.HOLDOUT]
    today = timezone.localdate()
    for resident in treated[:6]:
        convert(resident, today)
    for resident in held[:1]:
        convert(resident, today)
    services.click_record(recipient=rows[treated[0].pk], is_bot=False)
    services.click_record(recipient=rows[treated[1].pk], is_bot=True)
    Recipient.objects.filter(pk=rows[treated[2].pk].pk).update(
        status=R.FAILED, failure=Failure.INVALID_NUMBER, delivered_at=None
    )
    services.opt_out_record(
        ward=world.a, phone=treated[3].phone, source=OptOutSource.KEYWORD, campaign=built
    )

    result = results.campaign_results(built)

    total = result.total
    assert total.get("targeted") == 42  # 40 people + the two fixture residents (shared number)
    assert total.get("eligible") == 41
    assert total.get("to_send") == Recipient.objects.filter(campaign=built).treatment().count()
    assert total.get("to_send") + result.uplift.holdout == 41
    assert total.get("delivered") == total.get("to_send") - 1
    assert total.get("clicked") == 1
    assert total.get("converted") == 5  # the failed one was never delivered
    assert result.failures == [(Failure.INVALID_NUMBER.label, 1)]
    assert result.opt_outs == 1
    assert result.uplift.treated_converted == 6 and result.uplift.holdout_converted == 1
    # The holdout may also draw one of the fixture's residents: count every held recipient.
    assert (
        result.uplift.holdout == Recipient.objects.filter(campaign=built, status=R.HOLDOUT).count()
    )
    by_area = {f.label: f for f in result.by_area}
    assert set(by_area) == {world.a1.name, world.a2.name}
    assert sum(f.get("targeted") for f in by_area.values()) == 42
    [by_channel] = result.by_channel
    assert by_channel.get("sent") == total.get("sent")
    assert "Thời gian theo dõi chưa kết thúc" in result.verdict


def test_conversions_outside_the_window_do_not_count(sent):
    built, people, rows = sent
    treated = [p for p in people if rows[p.pk].status == R.DELIVERED]
    started = timezone.localdate(built.started_at)
    convert(treated[0], started - datetime.timedelta(days=1))  # before: not caused by it
    convert(treated[1], started + datetime.timedelta(days=31))  # after the 30-day window
    convert(treated[2], started + datetime.timedelta(days=30))  # last day counts
    result = results.campaign_results(built, today=started + datetime.timedelta(days=40))
    assert result.total.get("converted") == 1
    assert result.uplift.treated_converted == 1
    assert not result.measuring


def test_progress_for_the_admin_bar(sent):
    built, _people, _rows = sent
    progress = results.progress(built)
    assert progress["percent"] == 100 and progress["waiting"] == 0
    assert progress["delivered"] == progress["to_send"]
    assert built.status == Campaign.Status.DONE

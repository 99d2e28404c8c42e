"""notices_send: many notices written together, delivered 50 to a task, each exactly once."""

import pytest

from campaigns import notices
from campaigns.models import Notice, OptOut, OptOutSource
from campaigns.notices import Outgoing
from tests.campaigns.conftest import twilio_account
from tests.fakes.twilio import FakeTwilio

pytestmark = pytest.mark.django_db
S = Notice.Status


@pytest.fixture(scope="module")
def twilio_fake():
    with FakeTwilio() as fake:
        yield fake


def batch(count, prefix="b"):
    return [
        Outgoing(f"+8491234{n:04d}", f"Nhắc lịch số {n}", f"{prefix}:{n}") for n in range(count)
    ]


def test_a_batch_goes_out_once_in_tasks_of_fifty(
    world, twilio_fake, django_capture_on_commit_callbacks
):
    twilio_fake.reset()
    twilio_account(world.a, twilio_fake)
    OptOut.objects.create(ward=world.a, phone="+84912340007", source=OptOutSource.KEYWORD)
    items = [*batch(120), Outgoing("12", "Số sai", "b:bad")]
    with django_capture_on_commit_callbacks(execute=True) as tasks_queued:
        sent = notices.notices_send(ward=world.a, reason="test", items=items)
    assert [n.dedup_key for n in sent] == [item.dedup_key for item in items]
    assert len(tasks_queued) == 3  # 119 queued notices: 50 + 50 + 19
    statuses = dict(Notice.objects.values_list("dedup_key", "status"))
    assert statuses["b:7"] == S.SUPPRESSED and statuses["b:bad"] == S.FAILED
    assert sum(status == S.ACCEPTED for status in statuses.values()) == 119
    assert len(twilio_fake.accepted_for("+84912340001")) == 1

    with django_capture_on_commit_callbacks(execute=True) as again:
        repeat = notices.notices_send(ward=world.a, reason="test", items=batch(130))
    assert len(again) == 1  # only the ten new keys
    assert [n.pk for n in repeat[:120]] == [n.pk for n in sent[:120]]
    assert Notice.objects.count() == 131
    assert len(twilio_fake.accepted_for("+84912340001")) == 1


def test_a_repeated_batch_queues_nothing(world, django_capture_on_commit_callbacks):
    [first] = notices.notices_send(ward=world.a, reason="test", items=batch(1, "x"))
    with django_capture_on_commit_callbacks() as queued:
        [same] = notices.notices_send(ward=world.a, reason="test", items=batch(1, "x"))
    assert same.pk == first.pk and not queued

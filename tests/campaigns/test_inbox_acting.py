"""Acting on a kept reply in a task, exactly once, and the sweep that queues the forgotten ones."""

import datetime

import pytest
from django.utils import timezone

from campaigns import tasks
from campaigns.inbox import acting
from campaigns.models import InboundMessage, Notice, OptOut, OptOutEvent
from campaigns.signals import help_requested
from tests.campaigns.conftest import person
from wards.schedules import declared

pytestmark = pytest.mark.django_db
INBOX = "/admin/chien-dich/hop-thu/"


def kept(world, resident, text, action, *, minutes_ago=0, acted=False):
    at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return InboundMessage.objects.create(
        ward=world.a,
        account=world.console,
        phone=resident.phone,
        resident=resident,
        text=text,
        action=action,
        received_at=at,
        acted_at=at if acted else None,
    )


@pytest.fixture
def heard():
    calls = []

    def listener(sender, **kwargs):
        calls.append(kwargs)

    help_requested.connect(listener)
    yield calls
    help_requested.disconnect(listener)


def test_a_reply_is_acted_on_once_however_often_its_task_runs(
    world, heard, django_capture_on_commit_callbacks
):
    out = kept(world, person(world.a1), "HUY", "out")
    giup = kept(world, person(world.a1), "GIUP", "help")
    chat = kept(world, person(world.a1), "Cảm ơn", "")
    with django_capture_on_commit_callbacks(execute=True):
        first = [tasks.inbound_act(m.pk) for m in (out, giup, chat)]
        again = [tasks.inbound_act(m.pk) for m in (out, giup, chat)]
    assert first == ["out", "help", "help text"]
    assert again == ["claimed before"] * 3
    assert OptOutEvent.objects.filter(action="out").count() == 1
    assert list(OptOut.objects.values_list("phone", flat=True)) == [out.phone]
    assert [call["phone"] for call in heard] == [giup.phone]
    assert Notice.objects.filter(phone=chat.phone, reason="inbox_help").count() == 1
    assert InboundMessage.objects.unacted().count() == 0


def test_the_sweep_queues_an_old_unacted_reply_and_leaves_a_fresh_one(
    world, django_capture_on_commit_callbacks
):
    old = kept(world, person(world.a1), "HUY", "out", minutes_ago=6)
    fresh = kept(world, person(world.a1), "HUY", "out", minutes_ago=1)
    done = kept(world, person(world.a1), "HUY", "out", minutes_ago=30, acted=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert acting.inbound_sweep() == 1
    opted_out = set(OptOut.objects.values_list("phone", flat=True))
    assert opted_out == {old.phone}
    assert fresh.phone not in opted_out and done.phone not in opted_out
    assert list(InboundMessage.objects.unacted()) == [fresh]


def test_the_sweep_is_a_declared_schedule():
    [sweep] = [every for every in declared() if every.func == "campaigns.tasks.inbound_sweep"]
    assert sweep.minutes == 5


def test_the_inbox_says_a_keyword_is_still_being_handled(client, world):
    client.force_login(world.comms)
    message = kept(world, person(world.a1), "HUY", "out")
    thread = f"{INBOX}{message.pk}/"
    for page in (INBOX, thread):
        assert "đang xử lý" in client.get(page).content.decode()
    acting.inbound_act(message_id=message.pk)
    for page in (INBOX, thread):
        body = client.get(page).content.decode()
        assert "Từ chối nhận tin" in body and "đang xử lý" not in body

"""Acting on a stored reply, in a task, exactly once: its keyword (opt-out, opt-in, journeys
stopped, a help request) or, with none, the once-a-day help text.

The webhook only stores the reply and queues `campaigns.tasks.inbound_act`; the task claims
the reply with a conditional UPDATE (acted_at NULL → now) in the same transaction as what it
does, so a retried task or a second worker claims nothing and does nothing, and a task that
fails leaves the reply unclaimed for the sweep to queue again.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from campaigns import journeys, services
from campaigns.inbox.receiving import help_reply
from campaigns.models import InboundMessage, OptOutSource, Recipient
from campaigns.signals import help_requested

logger = logging.getLogger(__name__)

# A reply still unclaimed this long after it came was queued by a worker that died (a task
# normally runs within seconds); the sweep queues it again.
STALE_AFTER = datetime.timedelta(minutes=5)
SWEEP_LIMIT = 1000


def inbound_enqueue(message_id: int) -> None:
    """Queue the task that acts on a stored reply, so that it runs after the reply commits.

    With the database as the queue (django-q's ORM broker) the task's row is written in the
    reply's own transaction: one commit a reply, not two, and a task exists exactly when its
    reply does. Another broker (Redis) is told after the commit, as everywhere else.
    """
    from django_q.conf import Conf
    from django_q.tasks import async_task

    def enqueue():
        async_task("campaigns.tasks.inbound_act", message_id, group="inbox")

    if Conf.ORM and not Conf.SYNC:
        enqueue()
    else:  # and in tests, where the task runs in-process: after the reply is kept
        transaction.on_commit(enqueue)


def inbound_act(*, message_id: int, now=None) -> str:
    """Claim the reply and act on it; "claimed before" when another run already did."""
    with transaction.atomic():
        claimed = (
            InboundMessage.objects.filter(pk=message_id)
            .unacted()
            .update(acted_at=now or timezone.now())
        )
        if not claimed:
            return "claimed before"
        message = InboundMessage.objects.select_related("ward", "resident").get(pk=message_id)
        return _act(message)


def inbound_sweep(*, now=None) -> int:
    """Queue again the replies left unclaimed for STALE_AFTER; how many."""
    before = (now or timezone.now()) - STALE_AFTER
    stale = list(
        InboundMessage.objects.unacted()
        .filter(received_at__lt=before)
        .order_by("received_at")
        .values_list("pk", flat=True)[:SWEEP_LIMIT]
    )
    for message_id in stale:
        inbound_enqueue(message_id)
    if stale:
        logger.warning("re-queued %d inbound replies left unacted", len(stale))
    return len(stale)


def _act(message: InboundMessage) -> str:
    action, phone = message.action, message.phone
    if not action:
        help_reply(message=message)
        return "help text"
    if not phone:  # a sender we cannot reach or name (a foreign number, an unknown Zalo user)
        return "no phone"
    if action == "help":
        # The apps that help residents at home hear it (campaigns does not know them).
        help_requested.send(
            sender=InboundMessage,
            ward_id=message.ward_id,
            phone=phone,
            resident_id=message.resident_id,
            text=message.text,
        )
        return action
    # The campaign an opt-out is counted against: the last one sent to the number.
    last = (
        Recipient.objects.filter(campaign__ward_id=message.ward_id, phone=phone)
        .exclude(sent_at=None)
        .order_by("-sent_at")
        .select_related("campaign")
        .first()
    )
    if action == "out":
        journeys.journey_stop(ward=message.ward, phone=phone)
    record = services.opt_out_record if action == "out" else services.opt_in_record
    record(
        ward=message.ward,
        phone=phone,
        source=OptOutSource.KEYWORD,
        campaign=last.campaign if last else None,
    )
    return action

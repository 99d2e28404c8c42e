"""Storing a notice once per key, and the one function that moves its status."""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from campaigns.models import (
    Failure,
    Notice,
    OptOut,
)
from campaigns.models.receipts import ALLOWED_FROM as MESSAGE_MOVES
from campaigns.phones import phone_or_none
from wards import changes
from wards.text import nfc

logger = logging.getLogger(__name__)
S = Notice.Status
MAX_TEXT = 1000
# Notices per delivery task: a task sends them one after another, so a handful keeps one slow
# provider call from holding many back, while a batched tick queues far fewer tasks.
DELIVER_BATCH = 50
# The moves campaign messages make (campaigns.models.receipts), and one of a notice's own.
ALLOWED_FROM = {
    **{to: sources for to, sources in MESSAGE_MOVES.items() if to != "skipped"},
    S.SUPPRESSED: [S.QUEUED],
}


def notice_transition(*, notice_id: int, to: str, holding: str | None = None, **fields) -> bool:
    """Move one notice to `to` if its status allows it (and, when given, its claim is `holding`)."""
    rows = Notice.objects.filter(pk=notice_id, status__in=ALLOWED_FROM[to])
    if holding is not None:
        rows = rows.filter(claim=holding)
    moved = rows.update(status=to, **fields) == 1
    if moved:
        ward_id = Notice.objects.filter(pk=notice_id).values_list("ward_id", flat=True).first()
        changes.record(ward_ids=[ward_id], part=changes.Part.CAMPAIGNS)
    return moved


def enqueue(notice_id: int) -> None:
    from django_q.tasks import async_task

    transaction.on_commit(
        lambda: async_task("campaigns.tasks.notice_deliver", notice_id, group="campaigns")
    )


def enqueue_many(notice_ids: list[int]) -> None:
    """One delivery task for a few notices: a 5,000-step tick queues 100 tasks, not 5,000."""
    from django_q.tasks import async_task

    transaction.on_commit(
        lambda: async_task(
            "campaigns.tasks.notices_deliver", notice_ids=notice_ids, group="campaigns"
        )
    )


@dataclass(frozen=True)
class Outgoing:
    """One message of a `notices_send` batch; `dedup_key` makes it go out once, ever."""

    phone: str
    text: str
    dedup_key: str
    resident: object = None
    template_id: str = ""
    template_data: dict | None = None


def _checked_text(text: str) -> str:
    text = nfc(text or "").strip()
    if not text:
        raise ValidationError(_("Tin nhắn chưa có nội dung."), code="empty")
    if len(text) > MAX_TEXT:
        raise ValidationError(
            _("Tin nhắn dài quá %(limit)s ký tự."), code="too_long", params={"limit": MAX_TEXT}
        )
    return text


def notice_send(
    *,
    ward,
    phone: str,
    text: str,
    reason: str,
    dedup_key: str,
    resident=None,
    template_id: str = "",
    template_data: dict | None = None,
) -> Notice:
    """Store the notice once per `dedup_key` and send it in the background: a batch of one.

    `template_id` / `template_data`: the approved template and its parameters, used when the
    ward's notices go through a channel that sends templates (Message.template_id).
    """
    item = Outgoing(phone, text, dedup_key, resident, template_id, template_data)
    return notices_send(ward=ward, reason=reason, items=[item])[0]


@transaction.atomic
def notices_send(*, ward, reason: str, items: list[Outgoing]) -> list[Notice]:
    """Store each item's notice once per key and queue the new ones, DELIVER_BATCH to a task.

    A key already stored answers its first row, whatever it says, so calling again with the same
    items sends nothing twice; rows another process stores at the same moment are skipped by the
    unique key (ignore_conflicts) and read back. Returns the notices in the items' order.
    """
    keys = [item.dedup_key for item in items]
    stored = {n.dedup_key: n for n in Notice.objects.filter(dedup_key__in=keys)}
    fresh = {item.dedup_key: item for item in items if item.dedup_key not in stored}
    if fresh:
        phones = {key: phone_or_none(item.phone) or "" for key, item in fresh.items()}
        opted_out = set(
            OptOut.objects.filter(ward=ward, phone__in=set(phones.values()) - {""}).values_list(
                "phone", flat=True
            )
        )
        rows = [_row(ward, reason, item, phones[key], opted_out) for key, item in fresh.items()]
        Notice.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
        ours = {row.uid for row in rows}
        written = Notice.objects.filter(dedup_key__in=list(fresh))
        queued = []
        for notice in written:
            stored[notice.dedup_key] = notice
            if notice.uid in ours and notice.status == S.QUEUED:
                queued.append(notice.pk)
        changes.record(ward_ids=[ward.pk], part=changes.Part.CAMPAIGNS)
        queued.sort()
        for start in range(0, len(queued), DELIVER_BATCH):
            enqueue_many(queued[start : start + DELIVER_BATCH])
    return [stored[key] for key in keys]


def _row(ward, reason: str, item: Outgoing, phone: str, opted_out: set) -> Notice:
    status, failure = S.QUEUED, ""
    if not phone:
        status, failure = S.FAILED, Failure.INVALID_NUMBER
    elif phone in opted_out:
        status = S.SUPPRESSED
    return Notice(
        ward=ward,
        resident=item.resident,
        dedup_key=item.dedup_key,
        reason=reason[:60],
        text=_checked_text(item.text),
        template_id=item.template_id,
        template_data=item.template_data or {},
        phone=phone,
        status=status,
        failure=failure,
    )

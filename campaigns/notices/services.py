"""Storing a notice once per key, and the one function that moves its status."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
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


@transaction.atomic
def notice_send(
    *,
    ward,
    phone: str,
    text: str,
    reason: str,
    dedup_key: str,
    resident=None,
    zalo_template: str = "",
    zalo_data: dict | None = None,
) -> Notice:
    """Store the notice once per `dedup_key` and send it in the background.

    `zalo_template` / `zalo_data`: the approved template and its parameters, used on the ward's
    template channel when it has one (the names say which kind of account has templates today).
    """
    existing = Notice.objects.filter(dedup_key=dedup_key).first()
    if existing is not None:
        return existing
    text = nfc(text or "").strip()
    if not text:
        raise ValidationError(_("Tin nhắn chưa có nội dung."), code="empty")
    if len(text) > MAX_TEXT:
        raise ValidationError(
            _("Tin nhắn dài quá %(limit)s ký tự."), code="too_long", params={"limit": MAX_TEXT}
        )
    fields = {
        "ward": ward,
        "resident": resident,
        "reason": reason[:60],
        "text": text,
        "template_id": zalo_template,
        "template_data": zalo_data or {},
    }
    fields["phone"] = phone_or_none(phone) or ""
    if not fields["phone"]:
        fields.update(status=S.FAILED, failure=Failure.INVALID_NUMBER)
    elif OptOut.objects.filter(ward=ward, phone=fields["phone"]).exists():
        fields["status"] = S.SUPPRESSED
    try:
        with transaction.atomic():
            notice = Notice.objects.create(dedup_key=dedup_key, **fields)
    except IntegrityError:  # another process stored the same key first
        return Notice.objects.get(dedup_key=dedup_key)
    changes.record(ward_ids=[ward.pk], part=changes.Part.CAMPAIGNS)
    if notice.status == S.QUEUED:
        enqueue(notice.pk)
    return notice

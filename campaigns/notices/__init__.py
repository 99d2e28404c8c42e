"""One message to one resident, for any app: `notice_send(*, ward, phone, text, reason, dedup_key)`,
or many at once: `notices_send(*, ward, reason, items=[Outgoing(phone, text, dedup_key), ...])`.

The row is written once per `dedup_key` (a second call answers the first row, whatever it says),
and sent in the background by `notice_deliver`, run by a task that takes up to 50 notice ids:
- a number on the ward's opt-out list is never sent (SUPPRESSED);
- outside the ward's quiet hours, or with the number at its per-recipient cap, the notice is
  held (QUEUED with `next_attempt_at`) and the minute tick releases it: held, never dropped;
- with a template and a template account in the ward, it goes as a template message; otherwise
  (or when the number has no account there) as SMS through the ward's SMS account;
- the claim before the provider call is a conditional UPDATE committed first, so a worker killed
  mid-send leaves the row SENDING; `notices_recover` settles it by the channel's crash rule.
Delivery receipts reach it through the same webhooks as campaign recipients (`notice_apply_receipt`).
"""

from campaigns.notices.sending import notice_deliver
from campaigns.notices.services import (
    ALLOWED_FROM,
    Outgoing,
    notice_send,
    notice_transition,
    notices_send,
)
from campaigns.notices.upkeep import notice_apply_receipt, notices_recover, notices_release

__all__ = [
    "ALLOWED_FROM",
    "Outgoing",
    "notice_apply_receipt",
    "notice_deliver",
    "notice_send",
    "notice_transition",
    "notices_send",
    "notices_recover",
    "notices_release",
]

"""Staff reading a resident's thread and answering it through the notice service."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from campaigns.models import InboundMessage, MessagingPolicy, Notice
from campaigns.notices import notice_send
from campaigns.notices.sending import at_cap
from wards.models import AuditEntry
from wards.services import audit_record

REPLY_REASON = "reply"


def thread_mark_read(*, message: InboundMessage) -> int:
    """Opening a thread reads every reply in it."""
    return InboundMessage.objects.thread_of(message).unread().update(read_at=timezone.now())


def thread_answers(message: InboundMessage):
    if not message.phone:
        return Notice.objects.none()
    return Notice.objects.filter(
        ward_id=message.ward_id, phone=message.phone, reason=REPLY_REASON
    ).order_by("created_at")


@dataclass
class Answered:
    notice: Notice
    again: bool  # the same form was sent twice: nothing new was stored


@transaction.atomic
def inbox_answer(*, message: InboundMessage, by, text: str, token: str) -> Answered:
    """Send `text` to the sender of `message`, once per form `token`, and note who answered."""
    key = f"inbox-reply:{message.ward_id}:{token}"
    if Notice.objects.filter(dedup_key=key).exists():
        return Answered(Notice.objects.get(dedup_key=key), again=True)
    notice = notice_send(
        ward=message.ward,
        phone=message.phone,
        text=text,
        reason=REPLY_REASON,
        dedup_key=key,
        resident=message.resident,
    )
    InboundMessage.objects.thread_of(message).filter(handled_by=None).update(handled_by=by)
    audit_record(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=notice,
        ward=message.ward,
        summary="inbox reply",
        changes={"inbound_message": message.pk, "status": notice.status},
    )
    return Answered(notice, again=False)


def _at(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "H:i d/m/Y")


def answer_outlook(notice: Notice, now=None) -> tuple[str, str]:
    """(level, Vietnamese sentence) telling staff what happens to their answer."""
    now = now or timezone.now()
    if notice.status == Notice.Status.SUPPRESSED:
        return "error", _(
            "Số này đã từ chối nhận tin nhắn nên tin trả lời không được gửi. "
            "Hãy gọi điện hoặc đến nhà nếu cần."
        )
    if notice.status == Notice.Status.FAILED:
        return "error", _("Không gửi được: số điện thoại không hợp lệ.")
    policy = MessagingPolicy.for_ward(notice.ward)
    if not policy.allows(now):
        return "warning", _(
            "Đang ngoài giờ được gửi tin: tin trả lời được giữ lại và sẽ gửi lúc %(time)s."
        ) % {"time": _at(policy.next_opening(now))}
    later = at_cap(notice, policy, now)
    if later is not None:
        return "warning", _(
            "Số này đã nhận đủ số tin cho phép: tin trả lời được giữ lại và sẽ gửi lúc %(time)s."
        ) % {"time": _at(later)}
    return "success", _("Tin trả lời đang được gửi đi.")

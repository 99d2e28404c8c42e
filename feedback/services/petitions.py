"""Writing petitions: the public form, and the staff's moves through the one status path."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import notify
from feedback.models import Petition
from wards import changes
from wards.models import AuditEntry
from wards.services import audit_record

logger = logging.getLogger(__name__)

S = Petition.Status
# The one map of allowed moves. Answering straight from "new" also acknowledges it.
ALLOWED = {
    S.NEW: {S.ACKNOWLEDGED, S.IN_PROGRESS, S.ANSWERED},
    S.ACKNOWLEDGED: {S.IN_PROGRESS, S.ANSWERED},
    S.IN_PROGRESS: {S.ANSWERED},
    S.ANSWERED: {S.CLOSED, S.IN_PROGRESS},
    S.CLOSED: set(),
}


class MoveRefused(Exception):
    """An illegal move or a missing answer; the message is for staff."""


def petition_create(
    *,
    ward,
    category,
    text,
    kind=Petition.Kind.REPORT,
    area=None,
    phone="",
    photo=None,
    source=Petition.Source.FORM,
):
    now = timezone.now()
    with transaction.atomic():
        petition = Petition(
            ward=ward,
            source=source,
            category=category,
            kind=kind,
            area=area,
            text=text,
            phone=phone,
            created_at=now,
            due_at=Petition.due_for(category, now),
        )
        if photo is not None:
            petition.photo.save(photo.name, photo, save=False)
        petition.save()
        changes.record(ward_ids=[ward.pk], part=changes.Part.FEEDBACK)
    return petition


def petition_move(*, petition: Petition, to: str, by, answer: str = "") -> Petition:
    """Move a petition to `to`, stamping when; answering sends the answer to the citizen's phone."""
    with transaction.atomic():
        petition = Petition.objects.select_for_update().get(pk=petition.pk)
        if to not in ALLOWED[petition.status]:
            raise MoveRefused(
                _("Không thể chuyển từ “%(from)s” sang “%(to)s”.")
                % {"from": petition.get_status_display(), "to": S(to).label}
            )
        now = timezone.now()
        if to == S.ANSWERED:
            answer = (answer or petition.answer).strip()
            if not answer:
                raise MoveRefused(_("Hãy viết câu trả lời trước khi chuyển sang “Đã trả lời”."))
            petition.answer, petition.answered_at = answer, now
        if to != S.CLOSED and petition.acknowledged_at is None:
            petition.acknowledged_at = now
        if to == S.CLOSED:
            petition.closed_at = now
        previous, petition.status = petition.status, to
        petition.save()
        audit_record(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=petition,
            ward=petition.ward,
            summary=f"#{petition.pk} {previous} → {to}",
        )
        changes.record(ward_ids=[petition.ward_id], part=changes.Part.FEEDBACK)
        if to == S.ANSWERED and petition.phone:
            transaction.on_commit(lambda: petition_answer_send(petition_id=petition.pk))
    return petition


def petition_answer_send(*, petition_id: int) -> bool:
    """Send the answer by the notice service (once per answer text: the dedup key carries it)."""
    petition = Petition.objects.select_related("ward__site").get(pk=petition_id)
    if not petition.phone or not petition.answer:
        return False
    try:
        notice = notify.send(
            ward=petition.ward,
            phone=petition.phone,
            text=notify.answer_text(petition.ward, petition),
            reason="feedback_answer",
            dedup_key=f"feedback-answer-{petition.pk}-{petition.answered_at:%Y%m%d%H%M%S}",
        )
    except Exception:  # noqa: BLE001 - the answer stays saved; staff see it was not sent
        logger.exception("answer to petition %s could not be sent", petition.pk)
        return False
    if getattr(notice, "status", "") in notify.REFUSED:
        return False
    Petition.objects.filter(pk=petition.pk).update(answer_sent_at=timezone.now())
    return True


def petition_update(*, petition: Petition, by, **fields) -> Petition:
    """Assignee, category, what is published and how: fields staff set outside the status path."""
    allowed = {"assignee", "category", "area", "published", "public_text", "answer"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    with transaction.atomic():
        for name, value in fields.items():
            setattr(petition, name, value)
        if "category" in fields:
            petition.due_at = Petition.due_for(petition.category, petition.created_at)
        if petition.published and not petition.public_text:
            raise MoveRefused(_("Hãy viết nội dung đăng công khai (không có tên, số điện thoại)."))
        if petition.published and petition.status not in (S.ANSWERED, S.CLOSED):
            raise MoveRefused(_("Chỉ đăng công khai được góp ý đã trả lời."))
        petition.save()
        audit_record(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=petition,
            ward=petition.ward,
            summary=f"#{petition.pk} " + ", ".join(sorted(fields)),
        )
        changes.record(ward_ids=[petition.ward_id], part=changes.Part.FEEDBACK)
    return petition

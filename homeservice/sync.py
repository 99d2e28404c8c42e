"""Request steps recorded offline, sent by the field app's queue: each judged alone, saved once.

A batch is {"records": [{"kind": "home_step", "client_uuid": ..., "fields": {...}}]}, the shape
the queue sends for a <form data-offline-kind>; each record is answered with
{client_uuid, status: created | duplicate | refused | error, reason, errors, url}.
"""

import logging
import uuid
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from homeservice.lifecycle import StepRefused
from homeservice.models import RequestStep, ServiceRequest
from homeservice.services import StepBatch, request_advance
from wards.parsing import bounded_id

logger = logging.getLogger(__name__)
KIND = "home_step"
MAX_RECORDS = 500


@dataclass
class StepResult:
    client_uuid: str | None
    status: str
    reason: str = ""
    errors: dict = field(default_factory=dict)
    url: str = ""


def _when(raw, label):
    if raw in (None, ""):
        return None
    try:
        value = parse_datetime(str(raw)[:40]) if isinstance(raw, str) else None
        value = value if value is None or timezone.is_aware(value) else timezone.make_aware(value)
    except (ValueError, OverflowError):
        value = None
    if value is None:
        raise StepRefused(_("%(what)s không đúng dạng ngày giờ.") % {"what": label}, "at")
    return value


def _parse(raw) -> tuple[uuid.UUID, int, dict]:
    if not isinstance(raw, dict) or raw.get("kind", KIND) != KIND:
        raise StepRefused(_("Bản ghi không phải một bước của việc nhờ."))
    try:
        key = uuid.UUID(str(raw.get("client_uuid", ""))[:64])
    except ValueError:
        raise StepRefused(_("Thiếu mã bản ghi trên máy."), "client_uuid") from None
    fields = raw.get("fields") if isinstance(raw.get("fields"), dict) else raw
    request_id = bounded_id(fields.get("request"))
    if request_id is None:
        raise StepRefused(_("Không rõ việc nhờ nào."), "request")
    documents = fields.get("documents") or []
    documents = [documents] if isinstance(documents, str) else documents
    if not isinstance(documents, list) or len(documents) > 50:
        raise StepRefused(_("Danh sách giấy tờ không đúng."), "documents")
    values = {
        "to": str(fields.get("to", ""))[:20],
        "at": _when(fields.get("at"), _("Thời điểm ghi")),
        "appointment_at": _when(fields.get("appointment_at"), _("Giờ hẹn")),
        "documents_taken": [str(d)[:200] for d in documents],
        "dossier_number": str(fields.get("dossier_number", ""))[:40],
        "reason": str(fields.get("reason", ""))[:255],
    }
    return key, request_id, values


def steps_sync(*, member, records: list) -> list[StepResult]:
    """One transaction for the batch, a savepoint per record: a refusal undoes only its record,
    and the batch commits (and its messages are queued) once."""
    parsed = []
    results: list[StepResult | None] = [None] * len(records)
    for index, raw in enumerate(records):
        key = raw.get("client_uuid") if isinstance(raw, dict) else None
        try:
            parsed.append((index, *_parse(raw)))
        except StepRefused as refusal:
            results[index] = StepResult(
                str(key)[:64] if key else None,
                "refused",
                refusal.reason,
                {refusal.field: refusal.reason},
            )
    ids = {request_id for _i, _k, request_id, _v in parsed}
    with transaction.atomic():
        requests = {
            r.pk: r for r in ServiceRequest.objects.for_user(member).filter(pk__in=ids).only("pk")
        }
        known = {
            step.client_uuid: step
            for step in RequestStep.objects.filter(
                client_uuid__in=[key for _i, key, _r, _v in parsed]
            ).only("client_uuid", "request_id", "by_id")
        }
        batch = StepBatch()
        for index, key, request_id, values in parsed:
            results[index] = _one(
                member, requests.get(request_id), key, request_id, values, known, batch
            )
        batch.finish()
    return results


def _one(member, request, key, request_id, values, known, batch) -> StepResult:
    if request is None:
        return StepResult(str(key), "refused", _("Việc nhờ này không thuộc khu phố bạn phụ trách."))
    url = reverse("homeservice:detail", args=[request_id])
    step = known.get(key)
    if step is not None:
        if step.request_id != request_id or step.by_id != member.pk:
            return StepResult(str(key), "refused", _("Mã bản ghi này đã được dùng cho việc khác."))
        return StepResult(str(key), "duplicate", url=url)
    try:
        _saved, created = request_advance(
            request=request, by=member, client_uuid=key, batch=batch, **values
        )
    except StepRefused as refusal:
        return StepResult(str(key), "refused", refusal.reason, {refusal.field: refusal.reason}, url)
    except Exception:  # kept on the phone and sent again; logged without personal data
        logger.exception("home-service step %s could not be saved", key)
        return StepResult(
            str(key), "error", _("Máy chủ chưa lưu được bản ghi này; sẽ gửi lại sau.")
        )
    return StepResult(str(key), "created" if created else "duplicate", url=url)


def as_json(results) -> dict:
    counts = {"created": 0, "duplicate": 0, "refused": 0, "error": 0}
    for result in results:
        counts[result.status] += 1
    return {**counts, "results": [asdict(result) for result in results]}


__all__ = ["KIND", "MAX_RECORDS", "as_json", "steps_sync"]

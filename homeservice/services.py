"""Writes of home-service data. Each is atomic, takes keyword arguments, records the change feed."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeservice import access, notify
from homeservice.forms import PHONE_TYPED
from homeservice.lifecycle import (
    ENDED_WITH_REASON,
    OFFICE_STEPS,
    Status,
    StepRefused,
    check_transition,
)
from homeservice.models import RequestStep, ServiceRequest, Vulnerability
from homeservice.sla import sla_days
from wards import changes
from wards.models import Area
from wards.phones import InvalidPhone, normalise_phone
from wards.served import Served, announce
from wards.text import nfc

RequestRefused = StepRefused
CLOCK_SKEW = datetime.timedelta(minutes=10)


def _text(value, limit: int) -> str:
    return nfc((value or "").replace("\x00", "").strip())[:limit]


def _may_touch_area(user, area_id: int) -> bool:
    ids = access.service_area_ids(user)
    return ids is None or area_id in ids


@transaction.atomic
def vulnerability_record(*, household, kind: str, consent: bool, by, resident=None):
    if kind not in Vulnerability.Kind.values:
        raise RequestRefused(_("Hoàn cảnh này không có trong danh sách."), "kind")
    if not consent:
        raise RequestRefused(_("Chỉ ghi hoàn cảnh khi người dân đồng ý."), "consent")
    if not _may_touch_area(by, household.area_id):
        raise RequestRefused(_("Hộ này không thuộc khu phố bạn phụ trách."), "household")
    if resident is not None and resident.household_id != household.pk:
        raise RequestRefused(_("Người này không thuộc hộ đã chọn."), "resident")
    found = Vulnerability.objects.current().filter(
        household=household, resident=resident, kind=kind
    )
    if found.exists():
        return found.first()
    record = Vulnerability.objects.create(
        ward_id=household.ward_id,
        household=household,
        resident=resident,
        kind=kind,
        consent=True,
        recorded_by=by,
    )
    changes.record(ward_ids=[household.ward_id], part=changes.Part.SERVICES)
    return record


@transaction.atomic
def vulnerability_end(*, mark, by) -> None:
    """The resident no longer wants the mark kept, or it no longer holds. A mark exists only with
    consent, so it is deleted, not hidden; the figures count the marks that remain."""
    if not _may_touch_area(by, mark.household.area_id):
        raise RequestRefused(_("Hộ này không thuộc khu phố bạn phụ trách."), "household")
    deleted, _by_model = Vulnerability.objects.filter(pk=mark.pk).delete()
    if deleted:
        changes.record(ward_ids=[mark.ward_id], part=changes.Part.SERVICES)


@transaction.atomic
def request_create(
    *,
    ward,
    area,
    source: str,
    consent: bool,
    by=None,
    household=None,
    resident=None,
    procedure_id=None,
    need: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    asked_by: str = "",
    notes: str = "",
    assignee=None,
) -> ServiceRequest:
    """A new request. `by` is the staff member who typed it; None for the public form and SMS."""
    from qr.models import Procedure

    if source not in ServiceRequest.Source.values:
        raise RequestRefused(_("Nguồn của việc nhờ không đúng."), "source")
    if not consent:
        raise RequestRefused(
            _("Cần người dân (hoặc người thân) đồng ý để phường liên hệ và làm hồ sơ."), "consent"
        )
    if area is None or area.ward_id != ward.pk:
        raise RequestRefused(_("Khu phố này không thuộc phường."), "area")
    if household is not None:
        if household.ward_id != ward.pk:
            raise RequestRefused(_("Hộ này không thuộc phường."), "household")
        area = household.area
    if by is not None and not _may_touch_area(by, area.pk):
        raise RequestRefused(_("Hộ này không thuộc khu phố bạn phụ trách."), "household")
    if resident is not None and (household is None or resident.household_id != household.pk):
        raise RequestRefused(_("Người này không thuộc hộ đã chọn."), "resident")
    procedure = None
    if procedure_id not in (None, ""):
        try:
            procedure = Procedure.objects.active().get(pk=int(procedure_id), ward=ward)
        except (ValueError, TypeError, OverflowError, Procedure.DoesNotExist):
            raise RequestRefused(
                _("Không tìm thấy thủ tục này trong danh mục của phường."), "procedure"
            ) from None
    need = _text(need, 300)
    if procedure is None and not need:
        raise RequestRefused(_("Hãy chọn thủ tục hoặc ghi cần giúp việc gì."), "need")
    phone = ""
    if contact_phone:
        if not PHONE_TYPED.match(str(contact_phone).strip()):
            raise RequestRefused(_("Số điện thoại không đúng dạng."), "contact_phone")
        try:
            phone = normalise_phone(contact_phone)
        except InvalidPhone as error:
            raise RequestRefused(error.messages[0], "contact_phone") from None
    if household is None and not (phone or _text(contact_name, 120)):
        raise RequestRefused(_("Hãy ghi tên hoặc số điện thoại để tổ liên hệ."), "contact_phone")
    if assignee is not None:
        _check_assignee(assignee, area)
    now = timezone.now()
    request = ServiceRequest.objects.create(
        ward=ward,
        area=area,
        household=household,
        resident=resident,
        procedure=procedure,
        need=need,
        source=source,
        contact_name=_text(contact_name, 120),
        contact_phone=phone,
        asked_by=_text(asked_by, 120),
        consent=True,
        assignee=assignee,
        documents=[
            {"name": d, "taken": False} for d in (procedure.document_list() if procedure else [])
        ],
        notes=_text(notes, 2000),
        due_on=timezone.localdate(now) + datetime.timedelta(days=sla_days(procedure, ward.pk)),
        created_at=now,
    )
    RequestStep.objects.create(request=request, to_status=Status.REQUESTED, by=by, at=now)
    changes.record(ward_ids=[ward.pk], part=changes.Part.SERVICES)
    return request


def _check_assignee(assignee, area) -> None:
    from wards import scoping

    for membership in scoping.memberships(assignee):
        if membership.ward_id != area.ward_id:
            continue
        if membership.role in access.OFFICE or area in membership.areas.all():
            return
    raise RequestRefused(
        _("Người được giao phải là tổ viên của khu phố này hoặc cán bộ một cửa của phường."),
        "assignee",
    )


@transaction.atomic
def request_reassign(*, request: ServiceRequest, assignee, by) -> ServiceRequest:
    if not access.is_board_user(by) or not _may_touch_area(by, request.area_id):
        raise RequestRefused(_("Bạn không giao lại được việc này."), "assignee")
    area = Area.objects.get(pk=request.area_id)
    if assignee is not None:
        assignee.__dict__.pop("_ward_memberships", None)
        _check_assignee(assignee, area)
    ServiceRequest.objects.filter(pk=request.pk).update(
        assignee=assignee, updated_at=timezone.now()
    )
    request.assignee = assignee
    changes.record(ward_ids=[request.ward_id], part=changes.Part.SERVICES)
    return request


def _step_time(at, now):
    if at is None:
        return now
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if at > now + CLOCK_SKEW:
        raise RequestRefused(_("Thời điểm ghi ở tương lai: kiểm tra đồng hồ điện thoại."), "at")
    if at < now - datetime.timedelta(days=365):
        raise RequestRefused(_("Thời điểm ghi quá cũ."), "at")
    return at


def _apply(request, to, *, by, at, appointment_at, documents_taken, dossier_number, reason):
    """Set the fields step `to` needs on `request`; refuse what it lacks. Returns the note."""
    if to in OFFICE_STEPS and not access.is_office(by, request.ward_id):
        raise RequestRefused(_("Chỉ cán bộ một cửa ghi được mã hồ sơ đã nộp."), "to")
    if to == Status.SCHEDULED:
        if appointment_at is None:
            raise RequestRefused(_("Hãy chọn ngày giờ hẹn."), "appointment_at")
        if timezone.is_naive(appointment_at):
            appointment_at = timezone.make_aware(appointment_at)
        if appointment_at < at - datetime.timedelta(minutes=5):
            raise RequestRefused(
                _("Giờ hẹn đã qua: hãy chọn một thời điểm sắp tới."), "appointment_at"
            )
        if appointment_at > at + datetime.timedelta(days=180):
            raise RequestRefused(_("Giờ hẹn quá xa (hơn 6 tháng)."), "appointment_at")
        request.appointment_at = appointment_at
        if (
            request.assignee_id is None
            and by is not None
            and not access.is_office(by, request.ward_id)
        ):
            request.assignee = by
        return timezone.localtime(appointment_at).strftime("%d/%m/%Y %H:%M")
    if to == Status.DOCUMENTS_TAKEN:
        names = [d["name"] for d in request.documents]
        taken = set(documents_taken or [])
        unknown = taken - set(names)
        if unknown:
            raise RequestRefused(_("Có giấy tờ không thuộc danh sách của thủ tục."), "documents")
        if names and not taken:
            raise RequestRefused(_("Hãy đánh dấu giấy tờ đã nhận."), "documents")
        request.documents = [{"name": n, "taken": n in taken} for n in names]
        return _("%(taken)s/%(total)s giấy tờ") % {"taken": len(taken), "total": len(names)}
    if to == Status.SUBMITTED:
        number = _text(dossier_number, 40)
        if not number:
            raise RequestRefused(_("Hãy nhập mã hồ sơ do Cổng Dịch vụ công cấp."), "dossier_number")
        request.dossier_number = number
        request.submitted_at = at
        return number
    if to == Status.DELIVERED:
        request.delivered_at = at
    if to in ENDED_WITH_REASON:
        text = _text(reason, 255)
        if not text:
            raise RequestRefused(_("Hãy ghi lý do."), "reason")
        request.end_reason = text
        return text
    return _text(reason, 255)


@dataclass
class StepBatch:
    """Steps saved in one transaction (a phone's sync): its change mark and its messages are
    recorded once, at the end, instead of once per step."""

    ward_ids: set = field(default_factory=set)
    notices: list = field(default_factory=list)

    def finish(self) -> None:
        if self.ward_ids:
            changes.record(ward_ids=sorted(self.ward_ids), part=changes.Part.SERVICES)
        notify.later(self.notices)


# The columns a step may change: saved by name, not the whole row.
STEP_FIELDS = [
    "status",
    "appointment_at",
    "assignee",
    "documents",
    "dossier_number",
    "submitted_at",
    "delivered_at",
    "end_reason",
    "updated_at",
]


@transaction.atomic
def request_advance(
    *,
    request: ServiceRequest,
    to: str,
    by,
    at=None,
    appointment_at=None,
    documents_taken=None,
    dossier_number: str = "",
    reason: str = "",
    client_uuid: uuid.UUID | None = None,
    batch: StepBatch | None = None,
) -> tuple[ServiceRequest, bool]:
    """Move the request one step. Returns (request, created); a known client_uuid changes nothing.

    `batch`: the caller has already looked the client_uuids up, and records the change mark
    and queues the messages once for all its steps (StepBatch.finish)."""
    if client_uuid is not None and batch is None:
        known = RequestStep.objects.filter(client_uuid=client_uuid).first()
        if known is not None:
            if known.request_id != request.pk or known.by_id != getattr(by, "pk", None):
                raise RequestRefused(_("Mã bản ghi này đã được dùng cho việc khác."), "client_uuid")
            return request, False
    request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if by is not None and not _may_touch_area(by, request.area_id):
        raise RequestRefused(_("Việc này không thuộc khu phố bạn phụ trách."), "request")
    now = timezone.now()
    at = _step_time(at, now)
    check_transition(request.status, to)
    note = _apply(
        request,
        to,
        by=by,
        at=at,
        appointment_at=appointment_at,
        documents_taken=documents_taken,
        dossier_number=dossier_number,
        reason=reason,
    )
    previous, request.status = request.status, to
    request.save(update_fields=STEP_FIELDS)
    try:
        with transaction.atomic():
            RequestStep.objects.create(
                request=request,
                from_status=previous,
                to_status=to,
                by=by,
                at=at,
                note=note or "",
                client_uuid=client_uuid,
            )
    except IntegrityError:  # the same phone record, saved by a concurrent batch
        transaction.set_rollback(True)
        return ServiceRequest.objects.get(pk=request.pk), False
    if batch is not None:
        batch.ward_ids.add(request.ward_id)
    else:
        changes.record(ward_ids=[request.ward_id], part=changes.Part.SERVICES)
    if to == Status.DELIVERED:
        announce(
            sender=ServiceRequest,
            service=Served(
                ward_id=request.ward_id,
                kind="home_service",
                ref=str(request.pk),
                phone=notify.phone_of(request),
                resident_id=request.resident_id,
                area_id=request.area_id,
                procedure_id=request.procedure_id,
            ),
        )
    if to in (Status.SCHEDULED, Status.DELIVERED):
        # Sent by a task after commit, so a batch of steps does not wait for campaigns.
        notice = [request.pk, to, notify.notice_key(request, to)]
        (batch.notices.append(notice) if batch is not None else notify.later([notice]))
    return request, True

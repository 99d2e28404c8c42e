"""The home-service SLA: days from request to online submission, per procedure, with a ward default.

Set by one-stop officers and ward administrators of the ward (homeservice.access.office_ward_ids);
every change is written to the audit log, and the open requests' deadlines follow it.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeservice import access
from homeservice.lifecycle import OPEN, PAST_SUBMISSION, StepRefused
from homeservice.models import ProcedureSla, ServiceRequest, WardSla
from wards import changes
from wards.models import AuditEntry
from wards.parsing import bounded_id
from wards.services import audit_record

MAX_DAYS = 365


def ward_default_days(ward_id: int) -> int:
    found = WardSla.objects.filter(ward_id=ward_id).values_list("days", flat=True).first()
    return found if found is not None else settings.HOMESERVICE_DEFAULT_SLA_DAYS


def sla_days(procedure, ward_id: int | None = None) -> int:
    """The procedure's own days, else its ward's default, else the setting."""
    if procedure is not None:
        found = ProcedureSla.objects.filter(procedure=procedure).values_list("days", flat=True)
        if found:
            return found[0]
        ward_id = procedure.ward_id
    return (
        ward_default_days(ward_id) if ward_id is not None else settings.HOMESERVICE_DEFAULT_SLA_DAYS
    )


def _checked_days(raw, field: str) -> int | None:
    """A whole number of days 1–365; blank means "no days of its own" (None)."""
    text = str(raw if raw is not None else "").strip()
    if not text:
        return None
    days = bounded_id(text[:4])
    if days is None or days > MAX_DAYS or len(text) > 3:
        raise StepRefused(_("Số ngày phải là số nguyên từ 1 đến 365."), field)
    return days


def _refit_deadlines(requests) -> int:
    """Open requests not yet submitted get the deadline the new SLA gives from their request day."""
    moved = 0
    for request in requests.filter(status__in=OPEN).exclude(status__in=PAST_SUBMISSION):
        days = sla_days(request.procedure, request.ward_id)
        due = timezone.localdate(request.created_at) + datetime.timedelta(days=days)
        if due != request.due_on:
            ServiceRequest.objects.filter(pk=request.pk).update(due_on=due)
            moved += 1
    return moved


@transaction.atomic
def sla_set(*, ward, by, default_days, procedure_days: dict) -> dict:
    """Set the ward's default and each procedure's days ({procedure: raw value, blank = default}).
    Refused whole (nothing written) when one value is wrong or the user is not the ward's office."""

    allowed = access.office_ward_ids(by)
    if allowed is not None and ward.pk not in allowed:
        raise StepRefused(_("Chỉ cán bộ một cửa hoặc quản trị của phường đặt được thời hạn."))
    default = _checked_days(default_days, "default")
    wanted = {}
    for procedure, raw in procedure_days.items():
        if procedure.ward_id != ward.pk:
            raise StepRefused(_("Thủ tục này không thuộc phường."), f"p-{procedure.pk}")
        wanted[procedure.pk] = _checked_days(raw, f"p-{procedure.pk}")
    before = {"default": ward_default_days(ward.pk)}
    before.update(
        ProcedureSla.objects.filter(procedure_id__in=wanted).values_list("procedure_id", "days")
    )
    if default is not None:
        WardSla.objects.update_or_create(ward=ward, defaults={"days": default})
    record = WardSla.objects.filter(ward=ward).first()
    for procedure_id, days in wanted.items():
        if days is None:
            ProcedureSla.objects.filter(procedure_id=procedure_id).delete()
        else:
            ProcedureSla.objects.update_or_create(
                procedure_id=procedure_id, defaults={"days": days}
            )
    after = {"default": default if default is not None else before["default"]}
    after.update({pk: days for pk, days in wanted.items() if days is not None})
    diff = {
        str(key): [before.get(key), after.get(key)]
        for key in set(before) | set(after)
        if before.get(key) != after.get(key)
    }
    if diff:
        audit_record(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=record or WardSla(ward=ward),
            ward=ward,
            summary=_("Đặt thời hạn phục vụ tại nhà"),
            changes=diff,
        )
        _refit_deadlines(ServiceRequest.objects.filter(ward=ward).select_related("procedure"))
        changes.record(ward_ids=[ward.pk], part=changes.Part.SERVICES)
    return diff

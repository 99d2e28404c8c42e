"""Visits of a date range as CSV or XLSX, for the team leader. Every export is written to the audit log."""

import tablib
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from teams.models import Visit, VisitResident
from wards.exporting import safe_dataset
from wards.models import AuditEntry
from wards.services import audit_record

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def visits_dataset(visits) -> tablib.Dataset:
    """One row per visit. Phone numbers are left out: the sheet travels further than the app."""
    data = tablib.Dataset(
        headers=[
            _("Ngày"),
            _("Giờ"),
            _("Tổ viên"),
            _("Khu phố"),
            _("Mã hộ"),
            _("Địa chỉ"),
            _("Chủ hộ"),
            _("Kết quả"),
            _("Người có mặt"),
            _("Việc đã làm"),
            _("Hẹn quay lại"),
            _("Lý do hẹn"),
            _("Ghi chú"),
            _("Có vị trí GPS"),
        ]
    )
    for visit in visits:
        local = timezone.localtime(visit.visited_at)
        attendees = list(visit.attendees.all())
        done = [
            f"{attendee.resident.full_name}: {', '.join(attendee.action_labels())}"
            for attendee in attendees
            if attendee.actions
        ]
        follow_up = getattr(visit, "follow_up", None)
        member = visit.member
        data.append(
            [
                visit.visited_on.isoformat(),
                local.strftime("%H:%M"),
                (member.get_full_name() or member.username) if member else "",
                visit.area.name,
                visit.household.code,
                visit.household.address,
                visit.household.head_name,
                visit.get_outcome_display(),
                ", ".join(attendee.resident.full_name for attendee in attendees),
                "; ".join(done),
                follow_up.due_on.isoformat() if follow_up else "",
                follow_up.reason if follow_up else "",
                visit.notes,
                _("có") if visit.latitude is not None else "",
            ]
        )
    return data


def export_response(*, user, team, areas, start, end, file_format: str) -> HttpResponse:
    visits = (
        Visit.objects.for_user(user)
        .filter(area__in=areas)
        .between(start, end)
        .select_related("member", "area", "household", "follow_up")
        .prefetch_related(
            Prefetch("attendees", queryset=VisitResident.objects.select_related("resident"))
        )
        .order_by("visited_at")
    )
    data = safe_dataset(visits_dataset(visits))
    audit_record(
        actor=user,
        action=AuditEntry.Action.EXPORT,
        obj="visits",
        ward=team.ward,
        summary=f"{team.name}: {start.isoformat()}..{end.isoformat()} ({len(data)} rows)",
        changes={"format": file_format, "rows": len(data)},
    )
    if file_format == "csv":
        content = "\ufeff" + data.export("csv")  # the BOM makes Excel read Vietnamese as UTF-8
    else:
        content = data.export("xlsx")
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    filename = f"lan-tham-{start.isoformat()}-{end.isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response

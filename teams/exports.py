"""Visits of a date range as CSV or XLSX, for the team leader. Every export is written to the audit log.

Every text cell is made safe on the way out: control characters (NUL, vertical tab…) removed, so
the workbook opens, and a cell starting with = + - @ kept as text, so a note cannot become a
formula. The XLSX has named sheets, a title row, a frozen header and column widths.
"""

import csv
import io

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from teams.models import Visit, VisitResident
from teams.selectors import coverage_by_area
from teams.templatetags.teams_tags import member_name
from wards.exporting import safe_cell
from wards.models import AuditEntry
from wards.services import audit_record

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def visit_columns() -> list[tuple[str, int]]:
    """(header, width in characters) of the visits sheet."""
    return [
        (_("Ngày"), 11),
        (_("Giờ"), 6),
        (_("Tổ viên"), 22),
        (_("Khu phố"), 14),
        (_("Mã hộ"), 10),
        (_("Địa chỉ"), 28),
        (_("Chủ hộ"), 22),
        (_("Kết quả"), 16),
        (_("Người có mặt"), 28),
        (_("Việc đã làm"), 40),
        (_("Hẹn quay lại"), 12),
        (_("Lý do hẹn"), 24),
        (_("Ghi chú"), 40),
        (_("Có vị trí GPS"), 8),
    ]


def visit_rows(visits) -> list[list]:
    """One row per visit. Phone numbers are left out: the sheet travels further than the app."""
    rows = []
    for visit in visits:
        local = timezone.localtime(visit.visited_at)
        attendees = list(visit.attendees.all())
        done = [
            f"{attendee.resident.full_name}: {', '.join(attendee.action_labels())}"
            for attendee in attendees
            if attendee.actions
        ]
        follow_up = getattr(visit, "follow_up", None)
        rows.append(
            [
                visit.visited_on.isoformat(),
                local.strftime("%H:%M"),
                member_name(visit.member),
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
    return [[safe_cell(value) for value in row] for row in rows]


def _csv(columns, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([header for header, _width in columns])
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()  # the BOM makes Excel read Vietnamese as UTF-8


def _sheet(book, title: str, heading: str, columns, rows, first: bool = False):
    sheet = book.active if first else book.create_sheet()
    sheet.title = title[:31]
    sheet.append([safe_cell(heading)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([header for header, _width in columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    for index, (_header, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    if rows:
        sheet.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{len(rows) + 2}"
    return sheet


def _xlsx(*, team, areas, start, end, columns, rows) -> bytes:
    book = Workbook()
    period = f"{start.strftime('%d/%m/%Y')} – {end.strftime('%d/%m/%Y')}"
    _sheet(
        book,
        _("Lần thăm"),
        _("Lần thăm hộ của %(team)s, %(period)s") % {"team": team.name, "period": period},
        columns,
        rows,
        first=True,
    )
    coverage = coverage_by_area(list(areas), today=timezone.localdate())
    _sheet(
        book,
        _("Độ phủ"),
        _("Độ phủ theo khu phố của %(team)s, đến hôm nay") % {"team": team.name},
        [
            (_("Khu phố"), 18),
            (_("Số hộ"), 9),
            (_("Hộ đã thăm"), 12),
            (_("Tỉ lệ hộ đã thăm (%)"), 14),
            (_("Người lớn"), 11),
            (_("Có VNeID mức 2 (đã kích hoạt)"), 16),
        ],
        [
            [
                safe_cell(row["area"].name),
                row["households"],
                row["visited"],
                round(row["visited_share"] * 100),
                row["adults"],
                row["level2"],
            ]
            for row in coverage
        ],
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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
    columns = visit_columns()
    rows = visit_rows(visits)
    audit_record(
        actor=user,
        action=AuditEntry.Action.EXPORT,
        obj="visits",
        ward=team.ward,
        summary=f"{team.name}: {start.isoformat()}..{end.isoformat()} ({len(rows)} rows)",
        changes={"format": file_format, "rows": len(rows)},
    )
    if file_format == "csv":
        content = _csv(columns, rows)
    else:
        content = _xlsx(team=team, areas=areas, start=start, end=end, columns=columns, rows=rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    filename = f"lan-tham-{start.isoformat()}-{end.isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response

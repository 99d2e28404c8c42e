"""The report as an XLSX workbook (a sheet per section) and a one-page PDF summary.

Both are built from the same Report as the page, so they carry aggregates only and the same
"<5" cells; views log every download (wards.services.audit_record, action EXPORT).
"""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from stats.cells import HIDDEN_TEXT, People, Share
from stats.indicators import INDICATORS
from wards.exporting import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERCENT = "0.0%"
BOLD = Font(bold=True)


def filename(report) -> str:
    where = "toan-tinh" if report.province else report.ward.slug
    return f"thong-ke-{where}-{report.start:%Y%m%d}-{report.end:%Y%m%d}"


def describe(report, kind: str) -> str:
    where = ", ".join(report.selected) or _("tất cả")
    return f"{kind} {report.start:%d/%m/%Y}–{report.end:%d/%m/%Y}: {where}"[:255]


def _value(cell):
    """What goes in a spreadsheet cell: a number, a share as a fraction, or "<5"."""
    if isinstance(cell, Share):
        return HIDDEN_TEXT if cell.hidden else cell.shown_rate
    if isinstance(cell, People):
        return HIDDEN_TEXT if cell.hidden else cell.value
    return cell


class _Sheet:
    def __init__(self, workbook, title: str, heading: str):
        self.sheet = workbook.create_sheet(title[:31])
        self.widths: dict[int, int] = {}
        self.row([heading], bold=True)

    def row(self, values, *, bold=False):
        self.sheet.append([safe_cell(_value(v)) for v in values])
        number = self.sheet.max_row
        for column, value in enumerate(values, start=1):
            cell = self.sheet.cell(number, column)
            if isinstance(value, Share) and not value.hidden:
                cell.number_format = "0.00%" if value.places == 2 else PERCENT
            if bold:
                cell.font = BOLD
            text = str(value if value is not None else "")
            self.widths[column] = min(max(self.widths.get(column, 8), len(text) + 2), 48)

    def blank(self):
        self.sheet.append([])

    def finish(self):
        for column, width in self.widths.items():
            self.sheet.column_dimensions[get_column_letter(column)].width = width
        self.sheet.freeze_panes = "B3" if self.sheet.max_row > 2 else None


def _about(workbook, report):
    sheet = _Sheet(workbook, _("Giới thiệu"), _("Báo cáo thống kê chuyển đổi số"))
    sheet.row([_("Đơn vị"), report.title])
    sheet.row([_("Từ ngày"), f"{report.start:%d/%m/%Y}"])
    sheet.row([_("Đến ngày"), f"{report.end:%d/%m/%Y}"])
    sheet.row([report.unit_label, ", ".join(report.selected) or _("Tất cả")])
    sheet.row([_("Xuất lúc"), f"{timezone.localtime():%H:%M %d/%m/%Y}"])
    if report.built.get("oldest"):
        updated = timezone.localtime(report.built["oldest"])
        sheet.row([_("Số liệu cập nhật lúc"), f"{updated:%H:%M %d/%m/%Y}"])
    sheet.blank()
    sheet.row([_("“<5”: ít hơn 5 người (hoặc hộ), không hiện số để bảo vệ thông tin cá nhân.")])
    sheet.row([_("Báo cáo chỉ có số tổng hợp, không có tên hay số điện thoại của người dân.")])
    sheet.sheet.column_dimensions["A"].width = 24
    sheet.sheet.column_dimensions["B"].width = 48


def _headlines(workbook, report):
    sheet = _Sheet(workbook, _("Chỉ số chính"), _("Chỉ số chính (người từ 18 tuổi trở lên)"))
    sheet.row(
        [
            _("Chỉ số"),
            _("Tỷ lệ"),
            _("Số người"),
            _("Người từ 18 tuổi"),
            _("Tỷ lệ cuối tháng trước"),
            _("Thay đổi (điểm %)"),
            _("Chỉ tiêu (%)"),
            _("Thêm trong kỳ"),
            _("Trong đó nhờ tổ đến nhà"),
            _("Trong đó nhờ chiến dịch"),
        ],
        bold=True,
    )
    for h in report.headlines:
        sheet.row(
            [
                str(h.indicator.label),
                h.share,
                h.share.part,
                h.share.whole,
                h.previous,
                None if h.change is None else round(h.change * 100, 1),
                h.target,
                h.new,
                h.new_by_visit,
                h.new_by_campaign,
            ]
        )
    sheet.finish()


def _units(workbook, report):
    title = _("Xếp hạng phường") if report.province else _("Theo khu phố")
    sheet = _Sheet(workbook, title, title)
    header = ([_("Hạng")] if report.province else []) + [report.unit_label, _("Người từ 18 tuổi")]
    header += [str(i.short) for i in INDICATORS]
    header += [_("Số hộ"), _("Hộ đã được thăm"), _("Hẹn quay lại quá hạn")]
    if report.province:
        header.append(_("Hồ sơ trực tuyến (một cửa)"))
    sheet.row(header, bold=True)
    for row in report.units:
        values = ([row.rank] if report.province else []) + [row.name, row.adults]
        values += [cell.share for cell in row.cells]
        values += [row.households, row.visited, row.overdue]
        if report.province:
            values.append(row.official)
        sheet.row(values)
    if not report.province:
        sheet.row(
            [_("Chỉ tiêu"), None, *[h.target for h in report.headlines]],
            bold=True,
        )
    sheet.finish()


def _trend(workbook, report):
    sheet = _Sheet(workbook, _("Xu hướng"), _("Tỷ lệ vào cuối mỗi tháng"))
    sheet.row([_("Tháng"), *[str(i.short) for i in INDICATORS]], bold=True)
    for month, shares in report.trend.rows:
        sheet.row([f"{month:%m/%Y}", *shares])
    sheet.finish()


def _teams(workbook, section, province):
    sheet = _Sheet(workbook, _("Tổ công nghệ số"), _("Hoạt động của tổ công nghệ số"))
    sheet.row(
        [
            _("Phường") if province else _("Tổ"),
            _("Khu phố"),
            _("Lần thăm trong kỳ"),
            _("Gặp được người"),
            _("Hộ được thăm lần đầu trong kỳ"),
            _("Độ phủ"),
        ],
        bold=True,
    )
    for row in section.rows:
        sheet.row([row.name, row.areas, row.visits, row.met, row.households_first, row.coverage])
    sheet.blank()
    sheet.row([_("Tuần bắt đầu"), *[name for name, _values in section.weekly]], bold=True)
    for i, week in enumerate(section.weeks):
        sheet.row([f"{week:%d/%m/%Y}", *[values[i] for _name, values in section.weekly]])
    sheet.finish()


def _campaigns(workbook, rows):
    sheet = _Sheet(workbook, _("Chiến dịch"), _("Chiến dịch tin nhắn"))
    sheet.row(
        [
            _("Chiến dịch"),
            _("Mục tiêu"),
            _("Bắt đầu gửi"),
            _("Trong đối tượng"),
            _("Đã đến máy"),
            _("Đã mở liên kết"),
            _("Đạt mục tiêu sau khi nhận"),
            _("Đánh giá"),
        ],
        bold=True,
    )
    for row in rows:
        sheet.row(
            [
                row.name,
                row.goal,
                f"{row.started:%d/%m/%Y}" if row.started else "",
                row.targeted,
                row.delivered,
                row.clicked,
                row.converted,
                row.verdict,
            ]
        )
    sheet.finish()


def _scans(workbook, section, province):
    sheet = _Sheet(workbook, _("Quét mã QR"), _("Lượt quét mã QR của người dân"))
    sheet.row([_("Tổng lượt quét"), section.scans])
    sheet.row([_("Người quét (mỗi ngày, cộng lại)"), section.visitors])
    sheet.blank()
    sheet.row([_("Thủ tục"), _("Mã thủ tục"), _("Lượt quét"), _("Người quét")], bold=True)
    for row in section.procedures:
        sheet.row([row["name"], row["code"], row["scans"], row["visitors"]])
    sheet.blank()
    place = _("Phường") if province else _("Nơi dán")
    sheet.row([place, _("Loại"), _("Lượt quét"), _("Người quét")], bold=True)
    for row in section.places:
        sheet.row([row["name"], row["kind"], row["scans"], row["visitors"]])
    sheet.finish()


def _learning(workbook, section, province):
    sheet = _Sheet(workbook, _("Học tập"), _("Học tập"))
    sheet.row([_("Lượt mở bài"), section.started])
    sheet.row([_("Lượt học xong"), section.completed])
    sheet.row([_("Tỷ lệ đạt bài kiểm tra (từ 80 % câu đúng)"), section.pass_rate])
    sheet.blank()
    name = _("Phường") if province else _("Bài học")
    sheet.row([name, _("Học xong"), _("Đạt bài kiểm tra")], bold=True)
    for row in section.rows:
        sheet.row([row["name"], row["completed"], row["pass_rate"]])
    sheet.finish()


def _official(workbook, section, province):
    sheet = _Sheet(workbook, _("Số liệu một cửa"), _("Số liệu chính thức của bộ phận một cửa"))
    header = [_("Tháng"), _("Tiếp nhận"), _("Trực tuyến"), _("Tỷ lệ trực tuyến"), _("Đúng hạn")]
    sheet.row(header, bold=True)
    for row in section.months:
        sheet.row(
            [f"{row['month']:%m/%Y}", row["received"], row["online"], row["rate"], row["on_time"]]
        )
    sheet.blank()
    if province:
        sheet.row([_("Phường"), _("Tháng"), *header[1:]], bold=True)
        for row in section.fields:
            sheet.row(
                [
                    row["name"],
                    f"{row['month']:%m/%Y}",
                    row["received"],
                    row["online"],
                    row["rate"],
                    row["on_time"],
                ]
            )
    elif section.fields:
        sheet.row([_("Lĩnh vực, tháng %(month)s") % {"month": f"{section.latest_month:%m/%Y}"}])
        sheet.row([_("Lĩnh vực"), *header[1:]], bold=True)
        for figure in section.fields:
            sheet.row(
                [
                    figure.field,
                    figure.received,
                    figure.received_online,
                    figure.online_share,
                    figure.resolved_on_time,
                ]
            )
    sheet.finish()


def xlsx(report) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _about(workbook, report)
    _headlines(workbook, report)
    _units(workbook, report)
    _trend(workbook, report)
    sections = report.sections
    if "teams" in sections:
        _teams(workbook, sections["teams"], report.province)
    if "campaigns" in sections:
        _campaigns(workbook, sections["campaigns"])
    if "scans" in sections:
        _scans(workbook, sections["scans"], report.province)
    if "learning" in sections:
        _learning(workbook, sections["learning"], report.province)
    if "official" in sections:
        _official(workbook, sections["official"], report.province)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=1, max_row=1):
            for cell in row:
                cell.alignment = Alignment(wrap_text=False)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF -----------------------------------------------------------------------------------

PDF_SCALES = (1.0, 0.82, 0.66)
PDF_TREND_MONTHS = 6


def _font_faces():
    import fontpkg

    return [
        (weight, fontpkg.path("Be Vietnam Pro", weight=weight).as_uri()) for weight in (400, 700)
    ]


def _pdf_html(report, scale: float, units_shown: int) -> str:
    return render_to_string(
        "stats/summary_pdf.html",
        {
            "report": report,
            "fonts": _font_faces(),
            "scale": f"{scale * 9:.2f}",
            "units": report.units[:units_shown],
            "units_left": max(0, len(report.units) - units_shown),
            "trend_rows": report.trend.rows[-PDF_TREND_MONTHS:],
            "printed_at": timezone.localtime(),
        },
    )


def pdf(report) -> bytes:
    """One A4 page: smaller type first; then, for a ward with very many areas, fewer rows of
    the table (the rest are in the workbook, and the page says how many)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("file",), fail_on_errors=True)

    def render(scale, shown):
        return HTML(string=_pdf_html(report, scale, shown), url_fetcher=fetcher).render()

    shown = len(report.units)
    for scale in PDF_SCALES:
        document = render(scale, shown)
        if len(document.pages) == 1:
            return document.write_pdf()
    while len(document.pages) > 1 and shown > 1:
        shown = max(1, min(shown - 1, int(shown / len(document.pages) * 0.9)))
        document = render(PDF_SCALES[-1], shown)
    return document.copy(document.pages[:1]).write_pdf()

"""Reading an uploaded spreadsheet into rows, with what the user should know before confirming.

CSV files come from Excel in many shapes: `;` or tab separated (Vietnamese Windows uses `;`), a comma
typed into an unquoted cell, Windows-1252-mangled Vietnamese ("Nguyá»…n" for "Nguyễn"), NUL bytes
from a broken export. Problems that make the file unreadable raise ImportFileError with the line;
problems the user should see before confirming are returned as warnings.
"""

import csv
import io
import re
from dataclasses import dataclass, field

import tablib
from django.utils.translation import gettext_lazy as _

from wards.text import fold

FORMATS = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SEPARATORS = (",", ";", "\t")
# UTF-8 Vietnamese read as Windows-1252: "á»" (ệ, ộ, ở…), "Ä‘" (đ), "Æ°" (ư), "Ã¡" (á)…
MOJIBAKE = re.compile(r"á»|áº|Ä[‘\x91]|Æ[°¡]|Ã[\xa0-\xbf]|â€")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL = 2000


class ImportFileError(Exception):
    """The file itself cannot be read; the message is shown to the user."""


@dataclass
class ReadFile:
    dataset: tablib.Dataset
    headers: list[str]  # as the user wrote them, in file order
    lines: list[int]  # the file line of each dataset row, as the user counts (header = 1)
    warnings: list[str] = field(default_factory=list)

    def header_of(self, column: str) -> str:
        """The user's own heading for a column name ("Điện thoại" for dien_thoai)."""
        return dict(zip(self.dataset.headers, self.headers, strict=False)).get(column, column)


def column_key(heading) -> str:
    return fold(str(heading or "")).strip().replace(" ", "_")


def _separator(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in SEPARATORS}
    return max(counts, key=lambda sep: (counts[sep], sep == ","))


def _csv_rows(content: bytes) -> tuple[list[tuple[int, list]], list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("Tệp CSV phải lưu với mã UTF-8. Trong Excel, chọn “CSV UTF-8” khi lưu.")
        ) from error
    warnings = []
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        warnings.append(
            _("Tệp có ký tự rỗng (NUL) từ dòng %(line)s: các ký tự này sẽ bị bỏ khi nhập.")
            % {"line": line}
        )
        text = text.replace("\x00", "")
    first_line = text.split("\n", 1)[0]
    separator = _separator(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows, width = [], None
    try:
        for row in reader:
            if width is None:
                width = len(row)
            elif len(row) > width and any(cell.strip() for cell in row[width:]):
                raise ImportFileError(
                    _(
                        "Dòng %(line)s có %(cells)s ô, nhiều hơn %(width)s cột của dòng tiêu đề: có"
                        " thể một ô có dấu “%(sep)s” mà không nằm trong ngoặc kép. Sửa ô đó hoặc lưu"
                        " lại tệp bằng Excel (“CSV UTF-8”)."
                    )
                    % {
                        "line": reader.line_num,
                        "cells": len(row),
                        "width": width,
                        "sep": separator if separator != "\t" else "tab",
                    }
                )
            rows.append((reader.line_num, row))
    except csv.Error as error:
        raise ImportFileError(
            _("Dòng %(line)s không đọc được (ngoặc kép chưa đóng?).") % {"line": reader.line_num}
        ) from error
    return rows, warnings


def _xlsx_rows(content: bytes) -> list[tuple[int, list]]:
    try:
        sheet = tablib.Dataset().load(content, format="xlsx")
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(
            _("Không đọc được tệp. Tệp có thể bị hỏng hoặc sai định dạng.")
        ) from error
    rows = [list(sheet.headers or []), *[list(row) for row in sheet]]
    return list(enumerate(rows, start=1))


def read_file(content: bytes, file_format: str) -> ReadFile:
    if file_format not in FORMATS:
        raise ImportFileError(_("Chỉ nhận tệp CSV hoặc Excel (.xlsx)."))
    if file_format == "csv":
        rows, warnings = _csv_rows(content)
    else:
        rows, warnings = _xlsx_rows(content), []
    rows = [
        (line, row)
        for line, row in rows
        if any(str(c if c is not None else "").strip() for c in row)
    ]
    if len(rows) < 2 or not any(str(h or "").strip() for h in rows[0][1]):
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    headers = [str(h if h is not None else "").strip() for h in rows[0][1]]
    width = len(headers)
    dataset = tablib.Dataset(headers=[column_key(h) for h in headers])
    lines = []
    mangled = controls = None
    for number, row in rows[1:]:
        lines.append(number)
        cells = [*row[:width], *[""] * (width - len(row))]
        clean = []
        for cell in cells:
            if isinstance(cell, str):
                if mangled is None and MOJIBAKE.search(cell):
                    mangled = number
                if controls is None and CONTROL.search(cell):
                    controls = number
                cell = CONTROL.sub("", cell)[:MAX_CELL]
            clean.append(cell)
        dataset.append(clean)
    if mangled is None and any(MOJIBAKE.search(h) for h in headers):
        mangled = 1
    if mangled is not None:
        warnings.append(
            _(
                "Chữ tiếng Việt trong tệp có vẻ bị lỗi mã (ví dụ “Nguyá»…n” thay cho “Nguyễn”), từ"
                " dòng %(line)s. Mở tệp gốc trong Excel và lưu lại với “CSV UTF-8” trước khi nhập."
            )
            % {"line": mangled}
        )
    if controls is not None:
        warnings.append(
            _("Dòng %(line)s có ký tự điều khiển không in được: các ký tự này sẽ bị bỏ khi nhập.")
            % {"line": controls}
        )
    return ReadFile(dataset=dataset, headers=headers, lines=lines, warnings=warnings)

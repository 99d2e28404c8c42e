"""Import and export of ward data in the Wagtail admin: upload → dry-run preview → confirm.

Each importable thing registers an `Importer` (a django-import-export resource bound to a ward).
Nothing is written until the user confirms a preview without errors; every export is logged.
"""

import logging
import math
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets
from wagtail.signal_handlers import disable_reference_index_auto_update

from wards.import_files import FORMATS, ImportFileError, ReadFile, read_file
from wards.phones import InvalidPhone, normalise_phone
from wards.text import fold

__all__ = ["FORMATS", "ImportFileError", "read_file"]

logger = logging.getLogger(__name__)
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PREVIEW_ROWS = 50
PREVIEW_ERROR_ROWS = 200
# Rows per transaction: short enough that other writers on SQLite wait under a second and the
# progress bar moves, long enough that the per-transaction cost does not show.
CHUNK_ROWS = 500
UNREADABLE = _("Không đọc được giá trị “%(value)s”.")


class WardResource(resources.ModelResource):
    """A resource that reads and writes the rows of one ward only.

    Every problem of a row is reported, not only the first: a row-level check that fails in
    `before_import_row` is kept and reported together with the errors of each cell.
    """

    def __init__(self, *, ward, user=None, **kwargs):
        super().__init__(**kwargs)
        self.ward = ward
        self.user = user
        self._row_errors: dict = {}
        self.row_offset = 0  # rows of the file before the chunk being imported

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("before_import_row")
        if own is None:
            return

        def before_import_row(self, row, **kw):
            try:
                own(self, row, **kw)
            except ValidationError as error:
                self._row_errors = error.update_error_dict(self._row_errors)

        cls.before_import_row = before_import_row

    def import_row(self, row, instance_loader, **kwargs):
        self._row_errors = {}
        kwargs["row_number"] = kwargs.get("row_number", 0) + self.row_offset  # of the file
        return super().import_row(row, instance_loader, **kwargs)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        try:
            super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)
        except (ArithmeticError, TypeError) as error:  # e.g. a number too large for a cell
            value = str(row.get(field.column_name, ""))[:40]
            raise ValueError(UNREADABLE % {"value": value}) from error

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if self._row_errors:
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        for key, messages in self._row_errors.items():
            errors.setdefault(key, [])
            errors[key] = [*_as_list(errors[key]), *messages]
        super().validate_instance(instance, errors, validate_unique)

    class Meta:
        skip_unchanged = True
        report_skipped = False
        use_transactions = True
        clean_model_instances = False


def _as_list(value) -> list:
    if isinstance(value, ValidationError):
        return list(value.messages)
    return list(value) if isinstance(value, (list, tuple)) else [value]


@dataclass
class Importer:
    key: str
    label: str
    resource_class: type
    permission: str  # "app_label.codename" needed to import
    export_permission: str
    columns: list[
        tuple[str, str]
    ]  # (column, what to put there) — shown on the page and in templates
    example: list[list[str]] = field(default_factory=list)
    # Returns the rows the user may export, for a ward.
    export_queryset: object = None


IMPORTERS: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    IMPORTERS[importer.key] = importer
    return importer


def read_dataset(content: bytes, file_format: str) -> tablib.Dataset:
    return read_file(content, file_format).dataset


def missing_columns(dataset: tablib.Dataset, importer: Importer) -> list[str]:
    required = [name for name, _help in importer.columns if not name.endswith("?")]
    return [name for name in required if name not in dataset.headers]


def with_optional_columns(dataset: tablib.Dataset, importer: Importer) -> tablib.Dataset:
    """The dataset with every optional column the file left out, empty, so each row reads the
    same and nothing is refused for a column the user was told they may omit."""
    for name, _help in importer.columns:
        column = name.rstrip("?")
        if column not in dataset.headers:
            dataset.append_col([""] * dataset.height, header=column)
    return dataset


@dataclass
class RowProblem:
    row: int  # as the user counts: the header is row 1; 0 for the file as a whole
    column: str  # the user's own heading
    message: str


@dataclass
class PreviewRow:
    line: int
    cells: list
    problems: list[RowProblem]


@dataclass
class ImportRun:
    totals: Counter = field(default_factory=Counter)  # rows by import type: new, update, skip…
    problems: list[RowProblem] = field(default_factory=list)
    rows_done: int = 0  # rows of the file gone through (and, for a confirm, committed)

    @property
    def written(self) -> dict:
        return {"new": self.totals["new"], "update": self.totals["update"]}

    @property
    def rows_by_problem(self) -> dict[int, list[RowProblem]]:
        rows: dict[int, list[RowProblem]] = {}
        for problem in self.problems:
            rows.setdefault(problem.row, []).append(problem)
        return rows


def problems_of(result, resource, read: ReadFile, offset: int = 0) -> list[RowProblem]:
    columns = {name: f.column_name for name, f in resource.fields.items()}

    def line(number):  # import-export counts the rows of each chunk from 1
        index = offset + number - 1
        return read.lines[index] if 0 <= index < len(read.lines) else number + 1

    def heading(key):
        if key in (NON_FIELD_ERRORS, "__all__", ""):
            return ""
        return read.header_of(columns.get(key, key))

    problems = []
    for error in result.base_errors:
        logger.warning("import file error: %r", error.error)
        problems.append(
            RowProblem(
                0, "", str(_("Tệp không nhập được. Chưa có gì được ghi. Kiểm tra tên các cột."))
            )
        )
    for invalid in result.invalid_rows:
        for key, messages in invalid.error_dict.items():
            for message in messages:
                problems.append(RowProblem(line(invalid.number), heading(key), str(message)))
    for number, errors in result.row_errors():
        for error in errors:
            exception = error.error
            if isinstance(exception, (ValueError, ValidationError)):
                message = getattr(exception, "message", None) or str(exception)
            else:
                logger.warning("import row %s: %r", number, exception)
                message = _("Dòng này không nhập được. Kiểm tra các ô số, ngày và mã trong dòng.")
            problems.append(RowProblem(line(number), "", str(message)))
    return sorted(problems, key=lambda p: p.row)


def run_import(
    importer: Importer,
    read: ReadFile,
    *,
    ward,
    user,
    dry_run: bool,
    start: int = 0,
    limit: int | None = None,
    chunk_done: Callable[[ImportRun], None] | None = None,
) -> ImportRun:
    """Import the rows from `start`, CHUNK_ROWS at a time, each chunk in its own transaction.

    A dry run rolls every chunk back and goes through the whole file. A real run commits each
    chunk that has no problem and stops at the first that has one, writing nothing of it.
    `chunk_done` runs inside each chunk's transaction, so what it records (the rows done, the rows
    written) commits exactly with the chunk. One resource serves every chunk, so duplicates
    within the file are found across chunks. `limit` bounds the rows of one call, so a confirm
    can go on in a later task from `start`.

    A dry run skips Wagtail's reference index: its rows would be rolled back anyway, and keeping
    it is two thirds of the time per row.
    """
    dataset = with_optional_columns(read.dataset, importer)
    resource = importer.resource_class(ward=ward, user=user)
    run = ImportRun(rows_done=start)
    end = dataset.height if limit is None else min(dataset.height, start + limit)
    for begin in range(start, end, CHUNK_ROWS):
        chunk = tablib.Dataset(
            *dataset[begin : min(end, begin + CHUNK_ROWS)], headers=dataset.headers
        )
        resource.row_offset = begin
        with (
            transaction.atomic(),
            disable_reference_index_auto_update() if dry_run else nullcontext(),
        ):
            result = resource.import_data(
                chunk, dry_run=dry_run, raise_errors=False, use_transactions=True
            )
            problems = problems_of(result, resource, read, offset=begin)
            run.problems += [p for p in problems if p.row or p not in run.problems]
            if problems and not dry_run:
                transaction.set_rollback(True)
                break
            run.totals.update(result.totals)
            run.rows_done = begin + chunk.height
            if chunk_done:
                chunk_done(run)
    run.problems.sort(key=lambda p: p.row)
    return run


def preview_rows(read: ReadFile, run: ImportRun) -> list[PreviewRow]:
    """The first rows of the file and every row with a problem (up to a limit), as typed."""
    by_line = run.rows_by_problem
    shown = []
    errors_shown = 0
    for index, cells in enumerate(read.dataset):
        line = read.lines[index]
        problems = by_line.get(line, [])
        if index < PREVIEW_ROWS or (problems and errors_shown < PREVIEW_ERROR_ROWS):
            errors_shown += bool(problems) and index >= PREVIEW_ROWS
            shown.append(PreviewRow(line, list(cells)[: len(read.headers)], problems))
    return shown


def export_dataset(importer: Importer, *, ward, user) -> tablib.Dataset:
    resource = importer.resource_class(ward=ward, user=user)
    return resource.export(queryset=importer.export_queryset(ward=ward, user=user))


# Widgets that turn spreadsheet cells into values, with messages in Vietnamese.


class PhoneWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return ""
        try:
            return normalise_phone(value)
        except InvalidPhone as error:
            raise ValueError(error.messages[0]) from error

    def render(self, value, obj=None, **kwargs):
        return value or ""


class YesNoWidget(widgets.Widget):
    YES = {"co", "x", "1", "yes", "true", "dung", "roi", "da co"}
    NO = {"khong", "0", "no", "false", "chua", ""}

    def clean(self, value, row=None, **kwargs):
        folded = fold(str(value if value is not None else ""))
        if folded in self.YES:
            return True
        if folded in self.NO:
            return False
        raise ValueError(_("Ghi “có” hoặc “không”, không ghi “%(value)s”.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "có" if value else "không"


def _whole_number(value) -> int | None:
    """A whole number from a cell ("4", "4.0", 4.0), or None: no inf, nan, 1e5000 or 5,000 digits."""
    text = str(value).strip()
    if len(text) > 12:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    if not math.isfinite(number) or not number.is_integer() or abs(number) >= 10**9:
        return None
    return int(number)


class YearWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        year = _whole_number(value)
        if year is None:
            raise ValueError(_("Năm sinh phải là số, ví dụ 1958."))
        from django.utils import timezone

        if not 1900 <= year <= timezone.localdate().year:
            raise ValueError(_("Năm sinh %(year)s không hợp lý.") % {"year": year})
        return year


class PositiveIntegerWidget(widgets.Widget):
    def __init__(self, message, default=None):
        super().__init__()
        self.message, self.default = message, default

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return self.default
        number = _whole_number(value)
        if number is None or number < 1:
            raise ValueError(self.message)
        return number


def row_error(message) -> ValidationError:
    """A problem with the row as a whole (duplicates, unknown references)."""
    return ValidationError({"__all__": [message]})

"""Import and export of ward data in the Wagtail admin: upload → dry-run preview → confirm.

Each importable thing registers an `Importer` (a django-import-export resource bound to a ward).
Nothing is written until the user confirms a preview without errors; every export is logged.
"""

from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets

from wards.phones import InvalidPhone, normalise_phone
from wards.text import fold

FORMATS = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class WardResource(resources.ModelResource):
    """A resource that reads and writes the rows of one ward only."""

    def __init__(self, *, ward, user=None, **kwargs):
        super().__init__(**kwargs)
        self.ward = ward
        self.user = user

    class Meta:
        skip_unchanged = True
        report_skipped = False
        use_transactions = True
        clean_model_instances = False


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


class ImportFileError(Exception):
    """The file itself cannot be read; the message is shown to the user."""


def read_dataset(content: bytes, file_format: str) -> tablib.Dataset:
    if file_format not in FORMATS:
        raise ImportFileError(_("Chỉ nhận tệp CSV hoặc Excel (.xlsx)."))
    try:
        if file_format == "csv":
            text = content.decode("utf-8-sig")
            dataset = tablib.Dataset().load(text, format="csv")
        else:
            dataset = tablib.Dataset().load(content, format="xlsx")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("Tệp CSV phải lưu với mã UTF-8. Trong Excel, chọn “CSV UTF-8” khi lưu.")
        ) from error
    except Exception as error:  # tablib raises many kinds for a broken file
        raise ImportFileError(
            _("Không đọc được tệp. Tệp có thể bị hỏng hoặc sai định dạng.")
        ) from error
    if not dataset.headers or dataset.height == 0:
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    dataset.headers = [fold(str(h or "")).replace(" ", "_") for h in dataset.headers]
    return dataset


def missing_columns(dataset: tablib.Dataset, importer: Importer) -> list[str]:
    required = [name for name, _help in importer.columns if not name.endswith("?")]
    return [name for name in required if name not in dataset.headers]


@dataclass
class RowProblem:
    row: int  # as the user counts: the header is row 1
    column: str
    message: str


def problems_of(result) -> list[RowProblem]:
    problems = []
    for invalid in result.invalid_rows:
        for column, messages in invalid.error_dict.items():
            for message in messages:
                problems.append(RowProblem(invalid.number + 1, column, str(message)))
    for number, errors in result.row_errors():
        for error in errors:
            message = getattr(error.error, "message", None) or str(error.error)
            problems.append(RowProblem(number + 1, "", str(message)))
    return sorted(problems, key=lambda p: p.row)


def run_import(importer: Importer, dataset, *, ward, user, dry_run: bool):
    resource = importer.resource_class(ward=ward, user=user)
    return resource.import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        collect_failed_rows=True,
    )


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


class YearWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            year = int(float(str(value).strip()))
        except ValueError as error:
            raise ValueError(_("Năm sinh phải là số, ví dụ 1958.")) from error
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
        try:
            number = int(float(str(value).strip()))
        except ValueError as error:
            raise ValueError(self.message) from error
        if number < 1:
            raise ValueError(self.message)
        return number


def row_error(message) -> ValidationError:
    """A problem with the row as a whole (duplicates, unknown references)."""
    return ValidationError({"__all__": [message]})

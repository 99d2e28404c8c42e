"""Every export shows typed text as text: a cell starting with = + - @ (or tab/CR) is no formula."""

import csv
import io

import openpyxl
import pytest
import tablib
from django.urls import reverse

from wards.exporting import SafeWriter, safe_cell, safe_dataset
from wards.models import Household
from wards.roles import Role

PLANTED = [
    '=HYPERLINK("http://x","bấm")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1",
    "\r=1",
]


@pytest.mark.parametrize("text", PLANTED)
def test_formula_text_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["+84912345678", "-5", "12,5", "Khu phố 1", 42, None, 1.5, ""])
def test_plain_values_and_numbers_are_left_alone(value):
    assert safe_cell(value) == value


def test_characters_xlsx_cannot_hold_are_dropped():
    assert safe_cell("Ghi\x00 chú\x0b một\x1f") == "Ghi chú một"
    dataset = safe_dataset(tablib.Dataset(["Ghi\x00\x0b chú", "=1+1"], headers=["a", "b"]))
    openpyxl.load_workbook(io.BytesIO(dataset.export("xlsx")))  # no IllegalCharacterError


def test_safe_writer_writes_safe_rows():
    buffer = io.StringIO()
    SafeWriter(buffer).writerow(["=1+1", "ok"])
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == ["'=1+1", "ok"]


def live_formulas_xlsx(content: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("="))
    ]


def live_formulas_csv(text: str) -> list:
    return [
        cell
        for row in csv.reader(io.StringIO(text))
        for cell in row
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not cell.lstrip("+-").isdigit()
    ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_households_export_has_no_live_formula(client, two_wards, file_format):
    Household.objects.filter(pk=two_wards.households["a1"].pk).update(
        address='=HYPERLINK("http://x")', head_name="@SUM(1)"
    )
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    response = client.get(reverse("wards_export", args=["ho-gia-dinh"]), {"format": file_format})
    assert response.status_code == 200
    if file_format == "csv":
        text = response.content.decode("utf-8-sig")
        assert "'=HYPERLINK" in text and "'@SUM(1)" in text
        assert live_formulas_csv(text) == []
    else:
        assert live_formulas_xlsx(response.content) == []

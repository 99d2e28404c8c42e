"""Cells for CSV and XLSX exports that a spreadsheet will show, never run.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and
LibreOffice as a formula ("=HYPERLINK(...)" typed into a visit note runs on a leader's laptop). Every
export passes its cells through `safe_cell`: such text gets a leading apostrophe, which spreadsheets
show as plain text. A plain number written as text ("+84912345678", "-5") cannot carry a formula and
is left as it is. Characters XLSX cannot hold (NUL, vertical tab, other C0 controls) are dropped.
"""

import csv
import re

import tablib

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 .,]*")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value):
    if not isinstance(value, str):
        return value
    text = CONTROL.sub("", value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]


def safe_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of a tablib dataset with every cell (and header) made safe."""
    safe = tablib.Dataset(headers=safe_row(dataset.headers) if dataset.headers else None)
    for row in dataset:
        safe.append(safe_row(row))
    return safe


class SafeWriter:
    """csv.writer whose rows are made safe: `SafeWriter(response).writerow([...])`."""

    def __init__(self, stream, **kwargs):
        self.writer = csv.writer(stream, **kwargs)

    def writerow(self, values):
        return self.writer.writerow(safe_row(values))

    def writerows(self, rows):
        for values in rows:
            self.writerow(values)

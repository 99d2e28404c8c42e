"""The team leader's visit export shows a note typed as a formula as text."""

import csv
import io

import openpyxl
from django.utils import timezone

from teams.records import check_visit, parse_record
from teams.services import visit_record
from tests.teams.conftest import record, signed_in

NOTE = '=HYPERLINK("http://x","bấm")'


def test_visit_notes_are_never_live_formulas(teams):
    data = record(
        teams.household,
        notes=NOTE,
        attendees=[
            {
                "resident_id": teams.resident.pk,
                "actions": ["submitted_online"],
                "procedure": "Đăng ký kết hôn",
            }
        ],
    )
    visit_record(
        member=teams.member, draft=check_visit(member=teams.member, record=parse_record(data))
    )
    client = signed_in(teams.leader)
    today = timezone.localdate().isoformat()
    csv_text = client.get(
        "/doi/to-truong/xuat/", {"start": today, "end": today, "file_format": "csv"}
    ).content.decode("utf-8-sig")
    assert "'" + NOTE in [cell for row in csv.reader(io.StringIO(csv_text)) for cell in row]
    xlsx = client.get("/doi/to-truong/xuat/", {"start": today, "end": today, "file_format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [c.value for c in cells if c.data_type == "f"] == []
    assert "'" + NOTE in [c.value for c in cells]

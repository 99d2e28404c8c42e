"""The XLSX report (a sheet per section) and the one-page PDF: aggregates only, each logged."""

import io

import openpyxl
import pypdfium2 as pdfium
from django.urls import reverse

from stats.models import OfficialFigure
from wards.models import AuditEntry


def download(client, user, name="stats:xlsx", **params):
    client.force_login(user)
    return client.get(reverse(name), params)


def workbook_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return "\n".join(
        " | ".join("" if cell is None else str(cell) for cell in row)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def pdf_text(content: bytes) -> tuple[int, str]:
    pdf = pdfium.PdfDocument(content)
    try:
        return len(pdf), "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def test_the_workbook_has_a_sheet_per_section_with_the_page_figures(client, dashboard):
    OfficialFigure.objects.create(
        ward=dashboard.a,
        month=dashboard.today.replace(day=1),
        field="Chứng thực",
        field_key="chung thuc",
        received=3569,
        received_online=3465,
        resolved_on_time=3560,
    )
    response = download(client, dashboard.leader)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="thong-ke-{dashboard.a.slug}-' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Giới thiệu",
        "Chỉ số chính",
        "Theo khu phố",
        "Xu hướng",
        "Số liệu một cửa",
    ]
    headline = list(book["Chỉ số chính"].iter_rows(min_row=3, values_only=True))[0]
    assert headline[:4] == ("VNeID mức 2 đã kích hoạt", 0.4, 10, 25)
    areas = {row[0]: row for row in book["Theo khu phố"].iter_rows(min_row=3, values_only=True)}
    assert areas[dashboard.a2.name][1:3] == ("<5", "<5")  # three adults: hidden
    assert areas["Khu phố Ba"][5] == 5 / 7
    official = list(book["Số liệu một cửa"].iter_rows(min_row=3, max_row=3, values_only=True))
    assert official[0][3] == 0.9708  # truncated like the one-stop report, not rounded up


def test_the_pdf_is_one_page_with_the_indicators_and_the_areas(client, dashboard):
    response = download(client, dashboard.leader, "stats:pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages, content = pdf_text(response.content)
    assert pages == 1
    assert dashboard.a.name in content
    assert "VNeID mức 2 đã kích hoạt" in content and "40,0 %" in content
    assert dashboard.a1.name in content and "<5" in content


def test_exports_hold_no_names_or_phone_numbers(client, dashboard):
    xlsx = workbook_text(download(client, dashboard.leader).content)
    _pages, pdf = pdf_text(download(client, dashboard.leader, "stats:pdf").content)
    for name in dashboard.names:
        assert name not in xlsx and name not in pdf
    for phone in dashboard.phones:
        for shown in (phone, phone.replace("+84", "0"), phone[3:]):
            assert shown not in xlsx and shown not in pdf


def test_each_download_is_logged_with_who_and_when(client, dashboard):
    download(client, dashboard.leader, chon=["a1", "a3"])
    download(client, dashboard.leader, "stats:pdf")
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).order_by("at")
    assert [(e.actor, e.ward, e.object_type) for e in entries] == [
        (dashboard.leader, dashboard.a, "stats-xlsx"),
        (dashboard.leader, dashboard.a, "stats-pdf"),
    ]
    assert dashboard.a1.name in entries[0].summary and "Khu phố Ba" in entries[0].summary
    assert entries[0].at is not None


def test_the_export_follows_the_filters_on_the_page(client, dashboard):
    response = download(client, dashboard.leader, chon=["a1", "a3"])
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    names = [row[0] for row in book["Theo khu phố"].iter_rows(min_row=3, values_only=True)]
    assert names == [dashboard.a1.name, "Khu phố Ba", "Chỉ tiêu"]


def test_the_province_exports_rank_the_wards(client, dashboard):
    response = download(client, dashboard.province)
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    ranking = list(book["Xếp hạng phường"].iter_rows(min_row=3, values_only=True))
    assert [(row[0], row[1]) for row in ranking] == [(1, dashboard.b.name), (2, dashboard.a.name)]
    assert 'filename="thong-ke-toan-tinh-' in response["Content-Disposition"]
    pages, content = pdf_text(download(client, dashboard.province, "stats:pdf").content)
    assert pages == 1 and "Xếp hạng các phường" in content
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).latest("at")
    assert (entry.actor, entry.ward) == (dashboard.province, None)


def test_a_ward_with_many_areas_still_prints_on_one_page(client, dashboard):
    import re

    from stats import rollups
    from tests import factories

    for number in range(1, 91):
        factories.area(dashboard.a, f"x{number}", f"Tổ dân phố số {number}")
    rollups.rollup_all()
    pages, content = pdf_text(download(client, dashboard.leader, "stats:pdf").content)
    assert pages == 1
    shown = re.search(r"Còn (\d+) dòng nữa: xem tệp Excel.", content)
    assert shown, "the rows left out are named"
    assert "Tổ dân phố số 1 " in content and "Tổ dân phố số 90" not in content
    listed = len(re.findall(r"Tổ dân phố số \d+ ", content))
    assert listed + int(shown.group(1)) == 90  # shown or counted, none lost

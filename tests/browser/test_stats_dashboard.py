"""The leader of the demo ward reads the dashboard on a 360×740 phone, narrows it to two areas,
downloads the workbook and the PDF, and finds no resident's name or phone number in either."""

import io
import re

import openpyxl
import pypdfium2 as pdfium
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from wards.models import Household, Resident


def personal_data(ward) -> tuple[set[str], set[str]]:
    names = set(Resident.objects.filter(household__ward=ward).values_list("full_name", flat=True))
    names |= set(Household.objects.filter(ward=ward).values_list("head_name", flat=True))
    phones = set(Resident.objects.filter(household__ward=ward).values_list("phone", flat=True))
    phones |= set(Household.objects.filter(ward=ward).values_list("phone", flat=True))
    phones.discard("")
    # As stored (+84…), as written locally (0…), and the bare digits.
    shown = {p for phone in phones for p in (phone, "0" + phone[3:], phone[3:])}
    return names, shown


def download(phone, link_name: str, tmp_path) -> bytes:
    with phone.expect_download() as info:
        phone.get_by_role("link", name=link_name).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path.read_bytes()


def workbook_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return "\n".join(
        " ".join(str(cell) for cell in row if cell is not None)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def test_leader_reads_filters_and_downloads_without_personal_data(phone, demo_ward, tmp_path):
    problems = []  # CSP refusals, SVG attribute errors, missing static files
    phone.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    phone.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    sign_in(phone, "lanhdao")
    assert phone.url.endswith("/thong-ke/")
    expect(phone.get_by_role("heading", name=re.compile("Thống kê chuyển đổi số"))).to_be_visible()

    # The indicators, the area table and the trends, readable at phone width.
    cards = phone.locator(".stats-card")
    expect(cards.filter(has_text="VNeID mức 2 đã kích hoạt")).to_contain_text("%")
    expect(cards.filter(has_text="Hồ sơ nộp trực tuyến")).to_contain_text("97,08 %")
    table = phone.get_by_role("region", name="Theo khu phố", exact=True).get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(1 + 6 + 1)  # header, six areas, targets
    expect(phone.get_by_role("img", name="Có tài khoản dịch vụ công")).to_be_visible()
    expect(phone.get_by_role("table", name="Số liệu của các biểu đồ xu hướng")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    # Two areas.
    phone.get_by_text("Bộ lọc: thời gian và khu phố").click()
    phone.get_by_label("Khu phố 1").check()
    phone.get_by_label("Khu phố 2").check()
    phone.get_by_role("button", name="Xem số liệu").click()
    phone.wait_for_load_state()
    assert "chon=kp1" in phone.url and "chon=kp2" in phone.url
    expect(phone.locator(".stats-meta").first).to_contain_text("Khu phố 1, Khu phố 2")
    rows = phone.get_by_role("region", name="Theo khu phố", exact=True).get_by_role("row")
    expect(rows).to_have_count(1 + 2 + 1)

    # Sorting by a column keeps the chosen areas.
    phone.get_by_role("link", name=re.compile("^VNeID mức 2")).click()
    phone.wait_for_load_state()
    assert "sap_xep=vneid_level2" in phone.url and "chon=kp1" in phone.url

    names, phones = personal_data(demo_ward)
    html = phone.content()
    assert not [n for n in names if n in html]
    assert not [p for p in phones if p in html]

    xlsx = download(phone, "Tải báo cáo Excel", tmp_path)
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    areas = [row[0] for row in book["Theo khu phố"].iter_rows(min_row=3, values_only=True)]
    assert sorted(areas[:2]) == ["Khu phố 1", "Khu phố 2"] and areas[2:] == ["Chỉ tiêu"]
    content = workbook_text(xlsx)
    assert not [n for n in names if n in content]
    assert not [p for p in phones if p in content]

    pdf = pdfium.PdfDocument(download(phone, "Tải tóm tắt PDF", tmp_path))
    assert len(pdf) == 1
    text = pdf[0].get_textpage().get_text_range()
    pdf.close()
    assert "Khu phố 1" in text and "Khu phố 3" not in text
    assert not [n for n in names if n in text]
    assert not [p for p in phones if p in text]
    assert problems == []


def test_the_province_administrator_sees_the_ranking_of_wards(phone, demo_ward):
    sign_in(phone, "tinh")
    phone.goto("/thong-ke/")
    expect(phone.get_by_role("heading", name="Xếp hạng các phường")).to_be_visible()
    ranking = phone.get_by_role("region", name="Xếp hạng các phường").get_by_role("row")
    # The demo has three wards; each has a rank, and the first row is ranked 1.
    expect(ranking).to_have_count(1 + 3)
    expect(ranking.nth(1).get_by_role("cell").first).to_have_text("1")
    ranking.get_by_role("link", name=demo_ward.name).click()
    expect(phone.get_by_role("heading", name="Theo khu phố", exact=True)).to_be_visible()

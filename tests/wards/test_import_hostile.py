"""Imports hold up under real spreadsheets: file-level errors reach the user, every error of a row
is named with the user's own column, separators and broken encodings are caught before confirm."""

import io
import re

import pytest
from django.urls import reverse

from wards.models import Household
from wards.roles import Role


def upload(client, content, key="ho-gia-dinh", name="ho.csv"):
    file = io.BytesIO(content.encode("utf-8") if isinstance(content, str) else content)
    file.name = name
    return client.post(reverse("wards_import", args=[key]), {"file": file}, follow=True)


def confirm(client, response, key="ho-gia-dinh"):
    job = response.context["job"]
    return client.post(reverse("wards_import_confirm", args=[key, job.pk]), follow=True)


@pytest.fixture
def admin_client(client, two_wards):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    return client


def test_a_file_without_the_optional_code_column_writes_what_it_reports(admin_client, two_wards):
    before = Household.objects.count()
    csv = "khu_pho,dia_chi,chu_ho\na1,1 Hai Bà Trưng,Lý Thị Một\na2,2 Hai Bà Trưng,Lý Văn Hai\n"
    response = upload(admin_client, csv)
    assert response.status_code == 200, response.context.get("problems")
    assert "2 dòng mới" in response.content.decode()
    response = confirm(admin_client, response)
    assert "Đã nhập xong: 2 dòng mới, 0 dòng cập nhật" in response.content.decode()
    assert Household.objects.count() == before + 2
    assert Household.objects.filter(address="2 Hai Bà Trưng", area=two_wards.a2).exists()


def test_the_same_file_with_a_row_error_is_a_400_naming_the_row(admin_client):
    csv = "khu_pho,dia_chi,chu_ho\na1,1 Hai Bà Trưng,Lý Thị Một\nkp99,2 Hai Bà Trưng,Lý Văn Hai\n"
    response = upload(admin_client, csv)
    assert response.status_code == 400
    assert [(p.row, p.column) for p in response.context["problems"]] == [(3, "khu_pho")]


def test_every_error_of_a_row_is_reported_under_the_users_own_headings(admin_client):
    before = Household.objects.count()
    csv = (
        "Khu phố,Địa chỉ,Chủ hộ,Điện thoại,Số nhân khẩu\na1,5 Lê Lợi,Một,,2\nkp99,,Hai,12345,inf\n"
    )
    response = upload(admin_client, csv)
    assert response.status_code == 400
    row = [p for p in response.context["problems"] if p.row == 3]
    columns = {p.column for p in row}
    assert {"Khu phố", "Điện thoại", "Số nhân khẩu"} <= columns, row
    assert any("Thiếu địa chỉ" in p.message for p in row)
    page = response.content.decode()
    assert "cannot convert" not in page and "khu_pho" not in page.split("data-problems")[1]
    assert Household.objects.count() == before


@pytest.mark.parametrize("value", ["inf", "1e5000", "9" * 5000, "-1", "nan", "2.5"])
def test_impossible_numbers_get_a_vietnamese_message(admin_client, value):
    response = upload(
        admin_client, f"khu_pho,dia_chi,chu_ho,so_nhan_khau\na1,1 Lê Lợi,An,{value}\n"
    )
    assert response.status_code == 400
    assert response.context["problems"][0].message == "Số nhân khẩu phải là số nguyên dương."


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolon_and_tab_separated_files_are_read(admin_client, separator):
    rows = [["khu_pho", "dia_chi", "chu_ho", "so_nhan_khau"], ["a1", "3, Lê Lợi", "Ba", "2"]]
    text = "\n".join(separator.join(row) for row in rows) + "\n"
    response = upload(admin_client, text)
    assert response.status_code == 200, response.context.get("problems") or response.context.get(
        "error"
    )
    assert response.context["preview"][0].cells[1] == "3, Lê Lợi"


def test_an_unquoted_comma_is_reported_with_its_line(admin_client):
    csv = "khu_pho,dia_chi,chu_ho\na1,1 Lê Lợi,An\na1,12, hẻm 3 Lê Lợi,Bình\n"
    response = upload(admin_client, csv)
    assert response.status_code == 400
    assert "Dòng 3" in response.context["error"] and "ngoặc kép" in response.context["error"]


def test_mojibake_and_nul_bytes_are_warned_before_confirm(admin_client):
    mangled = "Nguyễn Văn Một".encode().decode("cp1252", errors="replace")
    csv = f"khu_pho,dia_chi,chu_ho\na1,1 Lê Lợi,{mangled}\na1,2 Lê\x00 Lợi,Hai\n"
    response = upload(admin_client, csv)
    warnings = response.context["warnings"]
    assert any("lỗi mã" in w and "dòng 2" in w for w in warnings), warnings
    assert any("NUL" in w and "dòng 3" in w for w in warnings), warnings
    assert response.content.decode().count("data-warning") == 2


def test_an_excel_scientific_phone_is_refused_with_how_to_fix_it(admin_client):
    response = upload(
        admin_client, "khu_pho,dia_chi,chu_ho,dien_thoai\na1,1 Lê Lợi,An,8.4912E+10\n"
    )
    assert response.status_code == 400
    problem = response.context["problems"][0]
    assert problem.column == "dien_thoai" and "Văn bản (Text)" in problem.message


def test_the_preview_shows_the_first_50_rows_and_the_rows_with_errors(admin_client):
    lines = ["khu_pho,dia_chi,chu_ho"]
    lines += [f"a1,{n} Nguyễn Huệ,Người {n}" for n in range(1, 121)]
    lines[100] = "kp99,100 Nguyễn Huệ,Người 100"  # file line 101
    response = upload(admin_client, "\n".join(lines) + "\n")
    shown = [row.line for row in response.context["preview"]]
    assert shown == [*range(2, 52), 101]
    page = response.content.decode()
    assert re.search(r"data-error-row><td>101</td>", page)

"""The catalogue imported and exported in the admin: dry run, per-row Vietnamese errors, confirm."""

import io

import openpyxl
import pytest
import tablib
from django.urls import reverse

from qr.models import Procedure
from wards.roles import Role

HEADER = "ma_thu_tuc,ten_thu_tuc,linh_vuc,muc_truc_tuyen,le_phi,giay_to\n"


def upload(client, content, name="thu-tuc.csv"):
    file = io.BytesIO(content.encode("utf-8") if isinstance(content, str) else content)
    file.name = name
    return client.post(reverse("wards_import", args=["thu-tuc"]), {"file": file}, follow=True)


def confirm(client, response):
    job = response.context["job"]
    return client.post(reverse("wards_import_confirm", args=["thu-tuc", job.pk]), follow=True)


def test_preview_writes_nothing_then_confirm_imports(staff_client, catalogue):
    before = Procedure.objects.count()
    csv = HEADER + (
        "1.003583,Đăng ký giám hộ,Hộ tịch,toàn trình,Miễn lệ phí,Tờ khai | Văn bản cử người giám hộ\n"
        "2.000635,Cấp bản sao trích lục hộ tịch,Hộ tịch,Mot phan,8.000 đồng/bản,Tờ khai\n"
    )
    response = upload(staff_client, csv)
    assert response.status_code == 200, response.context.get("problems")
    assert "2 dòng mới" in response.content.decode()
    assert Procedure.objects.count() == before

    response = confirm(staff_client, response)
    assert "Đã nhập xong: 2 dòng mới" in response.content.decode()
    guardian = Procedure.objects.get(ward=catalogue.a, code="1.003583")
    assert guardian.online_level == "toan_trinh"
    assert guardian.document_list() == ["Tờ khai", "Văn bản cử người giám hộ"]
    assert guardian.search_text.startswith(" dang ky giam ho ")
    assert Procedure.objects.get(ward=catalogue.a, code="2.000635").online_level == "mot_phan"
    assert not Procedure.objects.filter(ward=catalogue.b, code="1.003583").exists()


def test_reimporting_updates_by_code_instead_of_duplicating(staff_client, catalogue):
    csv = HEADER + "1.001193,Đăng ký khai sinh (mới),Hộ tịch,một phần,Miễn lệ phí,Tờ khai\n"
    response = upload(staff_client, csv)
    assert "1 dòng cập nhật" in response.content.decode()
    confirm(staff_client, response)
    catalogue.birth.refresh_from_db()
    assert catalogue.birth.name == "Đăng ký khai sinh (mới)"
    assert Procedure.objects.filter(ward=catalogue.a, code="1.001193").count() == 1
    catalogue.other.refresh_from_db()
    assert catalogue.other.name == "Đăng ký khai sinh (phường B)"  # the other ward's row


def test_bad_rows_are_named_in_vietnamese_and_nothing_is_written(staff_client, catalogue):
    before = Procedure.objects.count()
    csv = HEADER + (
        "1001193,Sai mã,Hộ tịch,toàn trình,,\n"
        "1.003583,,Hộ tịch,toàn trình,,\n"
        "1.003584,Không có mức,Hộ tịch,nửa vời,,\n"
        "1.003585,Lần một,Hộ tịch,không,,\n"
        "1.003585,Lần hai,Hộ tịch,không,,\n"
    )
    response = upload(staff_client, csv)
    assert response.status_code == 400
    problems = {(p.row, p.message) for p in response.context["problems"]}
    assert any(row == 2 and "không đúng dạng" in message for row, message in problems)
    assert (3, "Thiếu tên thủ tục.") in problems
    assert any(row == 4 and "toàn trình, một phần, không" in m for row, m in problems)
    assert (6, "Mã thủ tục 1.003585 đã có ở dòng 5.") in problems
    assert not response.context["can_confirm"]
    assert Procedure.objects.count() == before


def test_excel_numbers_keep_the_zeros_excel_dropped(staff_client, catalogue):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "muc_truc_tuyen"])
    sheet.append([2.00081, "Thủ tục A", "Hộ tịch", "toàn trình"])  # was typed 2.000810
    sheet.append([1.001195, "Thủ tục B", "Hộ tịch", "toàn trình"])
    sheet.append(["1.00434", "Thủ tục C", "Hộ tịch", "toàn trình"])  # CSV saved by Excel
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(staff_client, buffer.getvalue(), name="thu-tuc.xlsx")
    assert response.status_code == 200, response.context.get("problems")
    confirm(staff_client, response)
    codes = set(Procedure.objects.filter(ward=catalogue.a).values_list("code", flat=True))
    assert {"2.000810", "1.001195", "1.004340"} <= codes


def test_export_keeps_codes_as_text_and_reimports_unchanged(staff_client, catalogue):
    response = staff_client.get(
        reverse("wards_export", args=["thu-tuc"]), {"format": "xlsx", "ward": catalogue.a.pk}
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    header = rows[0]
    codes = [row[header.index("ma_thu_tuc")] for row in rows[1:]]
    assert sorted(codes) == sorted(p.code for p in catalogue.procedures)
    assert all(isinstance(code, str) for code in codes)
    assert "Đăng ký khai sinh (phường B)" not in str(rows)

    again = upload(staff_client, response.content, name="xuat.xlsx")
    assert again.status_code == 200
    assert f"{len(catalogue.procedures)} dòng không đổi" in again.content.decode()


def test_template_download_has_the_vietnamese_columns(staff_client, catalogue):
    response = staff_client.get(reverse("wards_import_template", args=["thu-tuc", "csv"]))
    dataset = tablib.Dataset().load(response.content.decode("utf-8-sig"), format="csv")
    assert dataset.headers[:4] == ["ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "muc_truc_tuyen"]


@pytest.mark.parametrize("role", [Role.TEAM_MEMBER, Role.LEADER])
def test_roles_without_the_catalogue_cannot_import(client, catalogue, role):
    client.force_login(catalogue.users[role])
    response = client.get(reverse("wards_import", args=["thu-tuc"]))
    assert response.status_code in (302, 403)

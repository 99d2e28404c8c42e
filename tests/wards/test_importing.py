"""Households and residents imported in the admin: preview, per-row Vietnamese errors, confirm."""

import io

import openpyxl
import pytest
from django.urls import reverse

from wards.models import AdoptionEvent, AuditEntry, Household, Resident, Vneid
from wards.roles import Role

HEADER = "ma_ho,khu_pho,dia_chi,chu_ho,dien_thoai,so_nhan_khau\n"


def upload(client, key, content, name="ho.csv"):
    file = io.BytesIO(content.encode("utf-8") if isinstance(content, str) else content)
    file.name = name
    return client.post(reverse("wards_import", args=[key]), {"file": file}, follow=True)


@pytest.fixture
def admin_client(client, two_wards):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    return client


def test_preview_writes_nothing_then_confirm_imports(admin_client, two_wards):
    before = Household.objects.count()
    area_name = two_wards.a1.name.upper().replace("Ố", "O")  # "KHU PHO 3": any case, any accents
    csv = (
        HEADER
        + f",a2,5 Hoà Bình,Lê Thị Hoà,0912.345.678,4\n,{area_name},7 Trần Phú,Phạm Văn Đức,,2\n"
    )
    response = upload(admin_client, "ho-gia-dinh", csv)
    assert response.status_code == 200, response.context.get("problems") or response.context.get(
        "error"
    )
    assert "2 dòng mới" in response.content.decode()
    assert Household.objects.count() == before  # nothing written by the preview

    job = response.context["job"]
    response = admin_client.post(
        reverse("wards_import_confirm", args=["ho-gia-dinh", job.pk]), follow=True
    )
    assert "Đã nhập xong: 2 dòng mới" in response.content.decode()
    household = Household.objects.get(address="5 Hoà Bình")
    assert household.ward == two_wards.a and household.phone == "+84912345678"
    assert household.search_text == "5 hoa binh le thi hoa"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).exists()


def test_bad_rows_are_named_in_vietnamese_and_nothing_is_written(admin_client, two_wards):
    before = Household.objects.count()
    csv = (
        HEADER
        + ",kp99,1 Lê Lợi,Ai Đó,,1\n"  # unknown area
        + ",a1,2 Lê Lợi,Người Hai,01912345678,1\n"  # old 11-digit number
        + ",a1,3 Lê Lợi,Người Ba,,không biết\n"  # size not a number
        + ",a1,4 Lê Lợi,Người Bốn,,1\n,a1,4 Lê Lợi,Người Bốn,,1\n"  # duplicate in file
    )
    response = upload(admin_client, "ho-gia-dinh", csv)
    assert response.status_code == 400
    problems = {(p.row, p.message) for p in response.context["problems"]}
    assert (2, "Không có khu phố “kp99” trong phường.") in problems
    assert any(row == 3 and "11 chữ số cũ" in message for row, message in problems)
    assert (4, "Số nhân khẩu phải là số nguyên dương.") in problems
    assert any(row == 6 and "Trùng hộ với dòng 5" in message for row, message in problems)
    assert not response.context["can_confirm"]
    assert Household.objects.count() == before


def test_a_household_already_in_the_ward_is_a_duplicate_even_with_old_tone_marks(
    admin_client, two_wards
):
    existing = two_wards.households["a1"]
    csv = HEADER + f",a1,{existing.address},{existing.head_name.replace('à', 'à')},,1\n"
    response = upload(admin_client, "ho-gia-dinh", csv)
    assert response.status_code == 400
    assert f"đã có hộ {existing.code}" in response.context["problems"][0].message


def test_residents_import_records_statuses_as_import_events(admin_client, two_wards):
    code = two_wards.households["a1"].code
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "Mã hộ",
            "Họ tên",
            "Năm sinh",
            "Điện thoại",
            "Đồng ý nhận tin",
            "VNeID",
            "Tài khoản DVC",
            "Nộp trực tuyến",
            "Thanh toán số",
        ]
    )
    sheet.append([code, "Võ Thị Thuỷ", 1961, 84987654321, "có", "Mức 2 đã cấp", "có", "không", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(admin_client, "cu-dan", buffer.getvalue(), name="cu-dan.xlsx")
    assert response.status_code == 200, response.context.get("problems")
    admin_client.post(reverse("wards_import_confirm", args=["cu-dan", response.context["job"].pk]))

    resident = Resident.objects.get(full_name="Võ Thị Thuỷ")
    assert resident.phone == "+84987654321" and resident.consent_to_messages
    assert resident.vneid == Vneid.LEVEL2_ISSUED  # issued, not activated
    assert resident.has_public_service_account and not resident.has_submitted_online
    assert set(
        AdoptionEvent.objects.filter(resident=resident).values_list("source", flat=True)
    ) == {"import"}


def test_unreadable_file_and_missing_columns_get_clear_messages(admin_client):
    response = upload(admin_client, "ho-gia-dinh", b"\xff\xfe\x00garbage", name="ho.csv")
    assert response.status_code == 400
    assert "UTF-8" in response.context["error"]
    response = upload(admin_client, "ho-gia-dinh", "dia_chi\n1 Lê Lợi\n")
    assert "Tệp thiếu cột: khu_pho, chu_ho" in response.context["error"]
    response = upload(admin_client, "ho-gia-dinh", "x", name="ho.pdf")
    assert "CSV hoặc Excel" in response.context["error"]


def test_another_users_pending_import_cannot_be_confirmed(client, two_wards, admin_client):
    response = upload(admin_client, "ho-gia-dinh", HEADER + ",a1,9 Lê Lợi,Chín,,1\n")
    job = response.context["job"]
    client.force_login(two_wards.users["outsider"])
    response = client.post(reverse("wards_import_confirm", args=["ho-gia-dinh", job.pk]))
    assert response.status_code == 404


def test_export_is_scoped_to_the_ward_and_logged(admin_client, two_wards):
    response = admin_client.get(reverse("wards_export", args=["ho-gia-dinh"]), {"format": "csv"})
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert two_wards.households["a1"].code in body
    assert two_wards.households["b1"].code not in body
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, ward=two_wards.a).exists()


@pytest.mark.parametrize("role", [Role.LEADER, Role.TEAM_MEMBER, Role.TEAM_LEADER])
def test_roles_without_personal_data_rights_cannot_import_or_export(client, two_wards, role):
    client.force_login(two_wards.users[role])
    for url in (reverse("wards_import", args=["cu-dan"]), reverse("wards_export", args=["cu-dan"])):
        assert client.get(url, {"format": "csv"}).status_code in (302, 403)

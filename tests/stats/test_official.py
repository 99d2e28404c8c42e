"""The one-stop system's monthly figures: imported in the admin, previewed, confirmed."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from stats.models import OfficialFigure
from wards.models import AuditEntry
from wards.roles import Role

HEADER = "Tháng,Lĩnh vực,Tiếp nhận,Tiếp nhận trực tuyến,Giải quyết đúng hạn\n"
KEY = "so-lieu-mot-cua"


def upload(client, content, name="mot-cua.csv"):
    file = io.BytesIO(content.encode("utf-8") if isinstance(content, str) else content)
    file.name = name
    return client.post(reverse("wards_import", args=[KEY]), {"file": file}, follow=True)


def confirm(client, response):
    job = response.context["job"]
    return client.post(reverse("wards_import_confirm", args=[KEY, job.pk]), follow=True)


@pytest.fixture
def admin_client(client, two_wards):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    return client


def test_preview_then_confirm_imports_the_month(admin_client, two_wards):
    csv = HEADER + "06/2025,Hộ tịch,1.250,1.214,1.248\nT6/2025,Chứng thực,2319,2251,2300\n"
    response = upload(admin_client, csv)
    assert response.status_code == 200, response.context.get("problems")
    assert not OfficialFigure.objects.exists()  # the preview writes nothing
    assert "Đã nhập xong: 2 dòng mới" in confirm(admin_client, response).content.decode()
    rows = {f.field: f for f in OfficialFigure.objects.filter(ward=two_wards.a)}
    assert rows["Hộ tịch"].month == datetime.date(2025, 6, 1)
    assert (rows["Hộ tịch"].received, rows["Hộ tịch"].received_online) == (1250, 1214)
    total_online = sum(f.received_online for f in rows.values())
    total = sum(f.received for f in rows.values())
    assert (total_online, total) == (3465, 3569)
    assert str(rows["Chứng thực"].online_share) == "97,06 %"
    assert rows["Hộ tịch"].imported_by == two_wards.users[Role.WARD_ADMIN]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT, object_type=KEY).exists()


def test_bad_rows_are_named_in_vietnamese_and_nothing_is_written(admin_client):
    csv = HEADER + (
        "13/2025,Hộ tịch,10,5,5\n"  # no 13th month
        "06/2025,,10,5,5\n"  # no field
        "06/2025,Đất đai,mười,5,5\n"  # not a number
        "06/2025,Xây dựng,10,12,5\n"  # more online than received
        "06/2025,Chứng thực,10,-1,5\n"  # negative
        "06/2025,Chứng thực,10,5,5\n"  # the same field twice in a month
        "06/2099,Khác,10,5,5\n"  # a month to come
    )
    response = upload(admin_client, csv)
    assert response.status_code == 400
    problems = {(p.row, p.message) for p in response.context["problems"]}
    assert (2, "Tháng “13/2025” chưa đúng, hãy ghi theo dạng 06/2025.") in problems
    assert (3, "Chưa ghi lĩnh vực.") in problems
    assert (4, "Số hồ sơ tiếp nhận phải là số nguyên không âm, không phải “mười”.") in problems
    assert (5, "Số hồ sơ trực tuyến (12) lớn hơn số hồ sơ tiếp nhận (10).") in problems
    assert (6, "Số hồ sơ trực tuyến phải là số nguyên không âm, không phải “-1”.") in problems
    assert (7, "Lĩnh vực “Chứng thực” của tháng này đã có ở dòng 6.") in problems
    assert (8, "Tháng 06/2099 chưa tới.") in problems
    assert not response.context["can_confirm"]
    assert not OfficialFigure.objects.exists()


def test_an_excel_file_with_date_cells_imports_and_a_second_import_replaces(
    admin_client, two_wards
):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Tháng", "Lĩnh vực", "Tiếp nhận", "Tiếp nhận trực tuyến", "Giải quyết đúng hạn"])
    sheet.append([datetime.datetime(2025, 7, 1), "Hộ tịch", 100, 90, 99])
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(admin_client, buffer.getvalue(), "mot-cua.xlsx")
    assert response.status_code == 200, response.context.get("problems")
    confirm(admin_client, response)
    # The same month and field again (other accents and case): the row is replaced, not doubled.
    response = upload(admin_client, HEADER + "07/2025,HỘ TỊCH,100,95,99\n")
    assert "1 dòng cập nhật" in confirm(admin_client, response).content.decode()
    figure = OfficialFigure.objects.get(ward=two_wards.a)
    assert (figure.month, figure.received_online) == (datetime.date(2025, 7, 1), 95)


def test_only_ward_admins_import(client, two_wards):
    client.force_login(two_wards.users[Role.COMMUNICATIONS])
    response = client.get(reverse("wards_import", args=[KEY]))
    assert (response.status_code, response["Location"]) == (302, "/admin/")  # refused
    client.force_login(two_wards.users[Role.LEADER])  # no admin at all
    response = client.get(reverse("wards_import", args=[KEY]))
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    assert not OfficialFigure.objects.exists()

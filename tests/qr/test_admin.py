"""The catalogue and placements in the Wagtail admin, scoped to the user's ward."""

import json

import pytest
from django.urls import reverse

from qr.models import Placement, Procedure, ProcedureLesson
from wards.roles import Role


def test_the_list_shows_only_the_users_ward_and_searches_without_accents(staff_client, catalogue):
    response = staff_client.get(reverse("procedures:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đăng ký khai sinh" in body and "phường B" not in body
    assert reverse("qr_procedure_posters", args=[catalogue.birth.pk]) in body
    found = staff_client.get(reverse("procedures:index"), {"q": "ket hon"}).content.decode()
    assert "Đăng ký kết hôn" in found and "Đăng ký tạm trú" not in found


def test_another_wards_procedure_cannot_be_opened(staff_client, catalogue):
    url = reverse("procedures:edit", args=[catalogue.other.pk])
    assert staff_client.get(url).status_code == 404


def test_a_procedure_is_added_with_its_lessons_and_a_bad_code_is_explained(staff_client, catalogue):
    lesson = catalogue.a.site.root_page.add_child(
        instance=__import__("wagtail.models", fromlist=["Page"]).Page(title="Bài học", slug="bh")
    )
    data = {
        "ward": catalogue.a.pk,
        "code": "1.00119",
        "name": "Đăng ký lại khai tử",
        "field": "Hộ tịch",
        "level": "Cấp xã",
        "online_level": "mot_phan",
        "documents": "Tờ khai\n- Bản sao giấy báo tử",
        "active": "on",
        "lessons-TOTAL_FORMS": "1",
        "lessons-INITIAL_FORMS": "0",
        "lessons-MIN_NUM_FORMS": "0",
        "lessons-MAX_NUM_FORMS": "1000",
        "lessons-0-page": lesson.pk,
        "lessons-0-ORDER": "1",
        "lessons-0-id": "",
        "lessons-0-DELETE": "",
    }
    response = staff_client.post(reverse("procedures:add"), data)
    assert response.status_code == 200  # re-rendered with the values typed
    body = response.content.decode()
    assert "không đúng dạng" in body and "Đăng ký lại khai tử" in body
    data["code"] = "1.005461"
    response = staff_client.post(reverse("procedures:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    created = Procedure.objects.get(code="1.005461")
    assert created.ward == catalogue.a
    assert created.document_list() == ["Tờ khai", "Bản sao giấy báo tử"]
    assert list(
        ProcedureLesson.objects.filter(procedure=created).values_list("page", flat=True)
    ) == [lesson.pk]
    data["code"] = "1.001193"  # already in the ward
    response = staff_client.post(reverse("procedures:add"), data)
    assert response.status_code == 200 and Procedure.objects.filter(code="1.001193").count() == 2


def test_placements_cannot_be_put_in_another_ward(staff_client, catalogue):
    response = staff_client.post(
        reverse("placements:add"),
        {"ward": catalogue.b.pk, "label": "Bảng tin lạ", "kind": "board", "active": "on"},
    )
    assert (
        response.status_code == 200 and not Placement.objects.filter(label="Bảng tin lạ").exists()
    )
    response = staff_client.post(
        reverse("placements:add"),
        {"ward": catalogue.a.pk, "label": "Bảng tin A1", "kind": "board", "area": catalogue.b1.pk},
    )
    assert (
        response.status_code == 200 and not Placement.objects.filter(label="Bảng tin A1").exists()
    )
    response = staff_client.post(
        reverse("placements:add"),
        {"ward": catalogue.a.pk, "label": "Bảng tin A1", "kind": "board", "area": catalogue.a1.pk},
    )
    assert response.status_code == 302
    assert Placement.objects.get(label="Bảng tin A1").ward == catalogue.a


@pytest.mark.parametrize("role", [Role.WARD_ADMIN, Role.COMMUNICATIONS])
def test_ward_staff_see_the_menu(client, catalogue, role):
    client.force_login(catalogue.users[role])
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ("Thủ tục và mã QR", "In áp phích QR", "Lượt quét mã QR"):
        assert json.dumps(label)[1:-1] in body  # the sidebar's props are ASCII-escaped JSON


def test_province_admins_read_but_do_not_edit(client, catalogue):
    client.force_login(catalogue.users[Role.PROVINCE_ADMIN])
    assert client.get(reverse("procedures:index")).status_code == 200
    assert client.get(reverse("qr_scan_report")).status_code == 200
    assert client.get(reverse("procedures:add")).status_code in (302, 403)
    assert client.get(reverse("qr_batch_new")).status_code in (302, 403)

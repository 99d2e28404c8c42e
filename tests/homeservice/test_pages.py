"""The public help form, the field list, the request page, the boards: what each user sees."""

import pytest
from django.test import Client
from django.utils import timezone

from homeservice.models import ServiceRequest
from tests.homeservice.conftest import mark_elderly, new_request, signed_in, soon
from wards.roles import Role

HOST = {"HTTP_HOST": "anbinh.test"}


def help_post(hs, **fields):
    data = {
        "who": "relative",
        "name": "Bà Lê Thị Tư",
        "asked_by": "Lê Văn Năm",
        "phone": "0912 345 678",
        "area": hs.a1.pk,
        "need": "Đăng ký khai sinh cho cháu",
        "procedure": hs.procedure.pk,
        "consent": "on",
    }
    data.update(fields)
    return Client().post("/nho-giup/", data, **HOST)


def test_the_procedure_page_links_to_the_help_form(hs):
    from django.urls import reverse

    url = reverse("homeservice:help") + f"?thu-tuc={hs.procedure.pk}"
    page = Client().get(url, **HOST)
    assert page.status_code == 200
    assert "Đăng ký khai sinh" in page.content.decode()
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()


def test_a_relative_asks_and_the_request_lands_in_the_area(hs):
    answer = help_post(hs)
    assert answer.status_code == 200
    assert "Phường đã nhận lời nhờ" in answer.content.decode()
    request = ServiceRequest.objects.get()
    assert (request.source, request.area, request.procedure) == ("relative", hs.a1, hs.procedure)
    assert request.contact_phone == "+84912345678" and request.asked_by == "Lê Văn Năm"
    field = signed_in(hs.member).get("/doi/viec-nho/")
    assert "Bà Lê Thị Tư" in field.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"consent": ""}, "Cần bạn đồng ý"),
        ({"phone": "1e5000"}, "chỉ gồm chữ số"),
        ({"area": 99999999}, "Khu phố này không có"),
        ({"procedure": "999999"}, "Không tìm thấy thủ tục"),
        ({"need": "x" * 400}, "ngắn hơn"),
        ({"name": ""}, "họ tên"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_kept(hs, fields, message):
    answer = help_post(hs, **fields)
    body = answer.content.decode()
    assert answer.status_code == 400
    assert message in body
    assert "Bà Lê Thị Tư" in body or fields.get("name") == ""
    assert not ServiceRequest.objects.exists()


def test_the_public_form_is_rate_limited(hs):
    for _ in range(5):
        help_post(hs)
    assert help_post(hs).status_code == 429


def test_the_field_list_marks_and_sorts_vulnerable_households_first(hs):
    plain = new_request(
        hs, household=None, resident=None, by=None, contact_name="Ông Ba", source="hotline"
    )
    marked = new_request(hs)
    mark_elderly(hs)
    body = signed_in(hs.member).get("/doi/viec-nho/").content.decode()
    assert body.index(f"/doi/viec-nho/{marked.pk}/") < body.index(f"/doi/viec-nho/{plain.pk}/")
    assert "Người cao tuổi sống một mình" in body


def test_a_member_schedules_from_the_request_page(hs):
    request = new_request(hs)
    client = signed_in(hs.member)
    when = timezone.localtime(soon(30)).strftime("%Y-%m-%dT%H:%M")
    answer = client.post(
        f"/doi/viec-nho/{request.pk}/", {"to": "scheduled", "appointment_at": when}
    )
    assert answer.status_code == 302
    request.refresh_from_db()
    assert request.status == "scheduled" and request.assignee == hs.member
    late = timezone.localtime(soon(-30)).strftime("%Y-%m-%dT%H:%M")
    answer = client.post(
        f"/doi/viec-nho/{request.pk}/", {"to": "scheduled", "appointment_at": late}
    )
    assert answer.status_code == 400 and "Giờ hẹn đã qua" in answer.content.decode()


def test_a_step_out_of_order_answers_400(hs):
    request = new_request(hs)
    answer = signed_in(hs.member).post(f"/doi/viec-nho/{request.pk}/", {"to": "delivered"})
    assert answer.status_code == 400
    assert "thứ tự" in answer.content.decode()
    assert ServiceRequest.objects.get(pk=request.pk).status == "requested"


def test_the_officer_records_the_dossier_number_in_the_admin(hs):
    from homeservice.services import request_advance

    request = new_request(hs)
    unassigned = signed_in(hs.officer).get("/admin/phuc-vu-tai-nha/")
    assert unassigned.status_code == 200 and "Chưa giao" not in unassigned.content.decode()
    assert "—" in unassigned.content.decode()
    request_advance(request=request, to="scheduled", by=hs.member, appointment_at=soon())
    request_advance(request=request, to="visited", by=hs.member)
    request_advance(
        request=request, to="documents_taken", by=hs.member, documents_taken=["Giấy chứng sinh"]
    )
    client = signed_in(hs.officer)
    board = client.get("/admin/phuc-vu-tai-nha/")
    assert board.status_code == 200 and "Đăng ký khai sinh" in board.content.decode()
    answer = client.post(
        f"/admin/phuc-vu-tai-nha/{request.pk}/",
        {"to": "submitted", "dossier_number": "000.00.H01-1"},
    )
    assert answer.status_code == 302
    assert ServiceRequest.objects.get(pk=request.pk).dossier_number == "000.00.H01-1"


def test_the_leaders_board_puts_overdue_first_and_reassigns(hs):
    import datetime

    fresh = new_request(hs)
    late = new_request(hs)
    ServiceRequest.objects.filter(pk=late.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=2)
    )
    client = signed_in(hs.leader)
    body = client.get("/doi/viec-nho/bang/").content.decode()
    assert body.index(f"/doi/viec-nho/{late.pk}/") < body.index(f"/doi/viec-nho/{fresh.pk}/")
    assert "Quá hạn" in body
    only_late = client.get("/doi/viec-nho/bang/?overdue=on").content.decode()
    assert f"/doi/viec-nho/{fresh.pk}/" not in only_late
    answer = client.post(f"/doi/viec-nho/{fresh.pk}/giao/", {"assignee": hs.member.pk})
    assert answer.status_code == 302
    assert ServiceRequest.objects.get(pk=fresh.pk).assignee == hs.member
    outsider = hs.users["outsider"]
    answer = client.post(f"/doi/viec-nho/{fresh.pk}/giao/", {"assignee": outsider.pk})
    assert answer.status_code == 400 and "tổ viên của khu phố" in answer.content.decode()
    for crafted in ("²", "9" * 40, "-1", "1e5"):  # isdigit accepts "²"; int() did not
        answer = client.post(f"/doi/viec-nho/{fresh.pk}/giao/", {"assignee": crafted})
        assert answer.status_code == 302
        assert "Người được giao không đúng" in client.get(answer["Location"]).content.decode()
    assert ServiceRequest.objects.get(pk=fresh.pk).assignee == hs.member


@pytest.mark.parametrize(
    "role",
    [Role.COMMUNICATIONS, Role.LEADER, Role.PROVINCE_ADMIN, "outsider", "member_a2"],
)
def test_no_one_outside_the_area_sees_the_request(hs, role):
    from homeservice.models import Vulnerability
    from tests import factories

    request = new_request(hs)
    mark_elderly(hs)
    if role == "member_a2":
        user = factories.user("u_a2", ward=hs.a, role=Role.TEAM_MEMBER, areas=[hs.a2])
    else:
        user = hs.users[role]
    assert not ServiceRequest.objects.for_user(user).exists()
    assert not Vulnerability.objects.for_user(user).exists()
    client = signed_in(user)
    for url in (
        "/doi/viec-nho/",
        "/doi/viec-nho/bang/",
        f"/doi/viec-nho/{request.pk}/",
        "/admin/phuc-vu-tai-nha/",
        f"/admin/phuc-vu-tai-nha/{request.pk}/",
    ):
        answer = client.get(url, **HOST)
        assert answer.status_code in (200, 302, 403, 404), url
        assert "Cư Dân A1" not in answer.content.decode(), url


@pytest.mark.parametrize(
    "role", [Role.TEAM_MEMBER, Role.TEAM_LEADER, Role.ONE_STOP, Role.WARD_ADMIN]
)
def test_the_areas_team_and_the_office_see_it(hs, role):
    new_request(hs)
    mark_elderly(hs)
    user = hs.users[role]
    assert ServiceRequest.objects.for_user(user).count() == 1


def test_a_household_outside_the_members_areas_is_refused(hs):
    from homeservice.lifecycle import StepRefused

    with pytest.raises(StepRefused, match="không thuộc khu phố"):
        new_request(hs, household=hs.households["a2"], resident=None, area=hs.a2)
    answer = signed_in(hs.member).post(
        f"/doi/ho/{hs.households['a2'].pk}/hoan-canh/", {"kind": "disability", "consent": "on"}
    )
    assert answer.status_code == 404
    assert not ServiceRequest.objects.exists()


def test_a_member_records_a_vulnerability_only_with_consent(hs):
    client = signed_in(hs.member)
    url = f"/doi/ho/{hs.household.pk}/hoan-canh/"
    refused = client.post(url, {"kind": "elderly_alone"})
    assert refused.status_code == 400 and "đồng ý" in refused.content.decode()
    assert client.post(url, {"kind": "elderly_alone", "consent": "on"}).status_code == 302
    assert hs.household.vulnerabilities.count() == 1

"""The staff inbox: overdue first, one status path, the answer sent back, published without names."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from feedback.models import Petition
from feedback.services.petitions import MoveRefused, petition_create, petition_move
from tests.qr.pdf_helpers import decode_pages
from wards.models import AuditEntry
from wards.roles import Role


def staff_client(user):
    client = Client(HTTP_HOST="anbinh.test")
    client.force_login(user)
    return client


@pytest.fixture
def petitions(category, two_wards):
    late = petition_create(
        ward=category.ward, category=category, text="Cũ, quá hạn", phone="+84912345678"
    )
    Petition.objects.filter(pk=late.pk).update(due_at=timezone.now() - datetime.timedelta(days=1))
    fresh = petition_create(ward=category.ward, category=category, text="Mới gửi")
    return late, fresh


def test_overdue_come_first_and_other_wards_never_show(petitions, two_wards):
    from feedback.models import Category

    other = Category.objects.create(ward=two_wards.b, name="Khác")
    petition_create(ward=two_wards.b, category=other, text="Của phường khác")
    late, fresh = petitions
    html = staff_client(two_wards.users[Role.COMMUNICATIONS]).get("/admin/gop-y/").content.decode()
    assert html.index("Cũ, quá hạn") < html.index("Mới gửi")
    assert "Quá hạn" in html and "Của phường khác" not in html


def test_a_leader_and_a_team_member_have_no_inbox(petitions, two_wards):
    for role in (Role.LEADER, Role.TEAM_MEMBER):
        response = staff_client(two_wards.users[role]).get(f"/admin/gop-y/{petitions[0].pk}/")
        assert response.status_code in (302, 403)


def test_another_wards_staff_get_404(petitions, two_wards):
    response = staff_client(two_wards.users["outsider"]).get(f"/admin/gop-y/{petitions[0].pk}/")
    assert response.status_code == 404


def test_answering_sends_the_answer_and_publishing_hides_the_phone(
    petitions, two_wards, outbox, django_capture_on_commit_callbacks
):
    late, _fresh = petitions
    client = staff_client(two_wards.users[Role.WARD_ADMIN])
    page = client.get(f"/admin/gop-y/{late.pk}/").content.decode()
    assert "0912 345 678" in page
    data = {
        "category": late.category_id,
        "assignee": two_wards.users[Role.WARD_ADMIN].pk,
        "answer": "Đã thu gom rác, thêm chuyến thu tối thứ Bảy.",
        "public_text": "Rác để lâu ở đầu hẻm.",
        "published": "on",
        "move_to": "answered",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/gop-y/{late.pk}/", data)
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.status == Petition.Status.ANSWERED and late.published
    assert late.acknowledged_at and late.answered_at and late.answer_sent_at
    (message,) = outbox
    assert message["phone"] == "+84912345678" and "Đã thu gom rác" in message["text"]
    public = Client(HTTP_HOST="anbinh.test").get("/ban-noi-phuong-lam/").content.decode()
    assert "Rác để lâu ở đầu hẻm." in public and "Đã thu gom rác" in public
    assert "0912" not in public and "Cũ, quá hạn" not in public
    assert AuditEntry.objects.filter(object_type="petition", object_id=str(late.pk)).exists()


def test_an_unanswered_petition_cannot_be_published(petitions, two_wards):
    late, _fresh = petitions
    client = staff_client(two_wards.users[Role.COMMUNICATIONS])
    response = client.post(
        f"/admin/gop-y/{late.pk}/",
        {"category": late.category_id, "public_text": "x", "published": "on", "answer": "Sẽ xử lý"},
    )
    assert response.status_code == 400 and "Chỉ đăng công khai" in response.content.decode()
    late.refresh_from_db()
    assert not late.published and late.answer == ""  # nothing half-written


def test_the_status_path_refuses_illegal_moves(petitions, two_wards):
    late, _fresh = petitions
    admin = two_wards.users[Role.WARD_ADMIN]
    with pytest.raises(MoveRefused):
        petition_move(petition=late, to=Petition.Status.ANSWERED, by=admin)  # no answer written
    petition_move(petition=late, to=Petition.Status.ACKNOWLEDGED, by=admin)
    with pytest.raises(MoveRefused):
        petition_move(petition=late, to=Petition.Status.CLOSED, by=admin)
    petition_move(petition=late, to=Petition.Status.IN_PROGRESS, by=admin)
    petition_move(petition=late, to=Petition.Status.ANSWERED, by=admin, answer="Xong")
    closed = petition_move(petition=late, to=Petition.Status.CLOSED, by=admin)
    assert closed.closed_at and closed.status == Petition.Status.CLOSED
    with pytest.raises(MoveRefused):
        petition_move(petition=closed, to=Petition.Status.IN_PROGRESS, by=admin)


def test_the_poster_is_a_pdf_with_the_form_link(two_wards, category):
    staff = staff_client(two_wards.users[Role.COMMUNICATIONS])
    response = staff.get(f"/admin/gop-y/ap-phich/{two_wards.a.pk}/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    ((code,),) = decode_pages(response.content)
    scanned = urlsplit(code.text)
    assert scanned.path == "/gop-y/" and scanned.query == "qr=1"

    # A citizen scans it and sends a petition: the inbox counts it as come from the poster.
    citizen = Client(HTTP_HOST="anbinh.test")
    page = citizen.get(f"{scanned.path}?{scanned.query}")
    assert 'name="from_poster" value="True"' in page.content.decode()
    sent = citizen.post(
        "/gop-y/",
        {
            "kind": "report",
            "category": category.pk,
            "text": "Đèn hẻm 12 hỏng.",
            "from_poster": "True",
        },
    )
    assert sent.status_code == 302
    assert Petition.objects.get().source == Petition.Source.POSTER
    inbox = staff.get("/admin/gop-y/").content.decode()
    assert "Quét mã trên áp phích <strong>1</strong>" in inbox
    assert "Biểu mẫu góp ý <strong>0</strong>" in inbox
    outsider = staff_client(two_wards.users["outsider"]).get(
        f"/admin/gop-y/ap-phich/{two_wards.a.pk}/"
    )
    assert outsider.status_code == 404

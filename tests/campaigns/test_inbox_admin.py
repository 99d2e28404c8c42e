"""The staff inbox: replies by sender, ward-scoped, read on opening, answered through notices."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from campaigns.models import InboundMessage, MessagingPolicy, Notice, OptOut, OptOutSource
from tests.campaigns.conftest import person
from wards.models import AuditEntry

pytestmark = pytest.mark.django_db
INBOX = "/admin/chien-dich/hop-thu/"


def received(world, text, *, phone="", resident=None, ward=None, minutes_ago=0, **fields):
    return InboundMessage.objects.create(
        ward=ward or world.a,
        account=world.console,
        phone=phone or (resident.phone if resident else ""),
        resident=resident,
        text=text,
        received_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        **fields,
    )


@pytest.fixture
def staff(client, world):
    client.force_login(world.comms)
    return client


def token(page) -> str:
    return re.search(r'name="token" value="([0-9a-f]{32})"', page).group(1)


def test_the_inbox_lists_senders_newest_first_with_name_area_or_unknown(staff, world):
    known = person(world.a1, "Phạm Thị Dung")
    received(world, "Cho tôi hỏi lịch", resident=known, minutes_ago=30)
    received(world, "Ai nhắn tôi vậy", phone="+84987000222", minutes_ago=5)
    received(world, "Tin của phường khác", phone="+84987000333", ward=world.b)
    page = staff.get(INBOX).content.decode()
    assert page.index("Ai nhắn tôi vậy") < page.index("Cho tôi hỏi lịch")
    assert "Phạm Thị Dung" in page and world.a1.name in page and "Số lạ" in page
    assert "Tin của phường khác" not in page
    assert page.count('class="inbox-unread"') == 2 and "<strong>Cho tôi hỏi lịch</strong>" in page


def test_the_menu_counts_unread_replies(staff, world):
    received(world, "một", phone="+84987000222")
    received(world, "hai", phone="+84987000223")
    assert menu_label(2) in staff.get("/admin/").content.decode()
    staff.get(f"{INBOX}{InboundMessage.objects.first().pk}/")
    assert menu_label(1) in staff.get("/admin/").content.decode()


def menu_label(unread: int) -> str:
    """The inbox item's label as the sidebar's JSON carries it."""
    return json.dumps(f"Hộp thư tin đến ({unread})")


def test_opening_a_thread_reads_all_of_it(staff, world):
    resident = person(world.a1)
    first = received(world, "Xin chào", resident=resident, minutes_ago=9)
    latest = received(world, "Tôi cần giúp", resident=resident)
    page = staff.get(f"{INBOX}{latest.pk}/").content.decode()
    assert page.index("Xin chào") < page.index("Tôi cần giúp")
    first.refresh_from_db()
    assert first.read_at and InboundMessage.objects.unread().count() == 0
    assert 'class="inbox-unread"' not in staff.get(INBOX).content.decode()


def test_another_wards_thread_is_not_found_and_other_roles_are_kept_out(client, world):
    theirs = received(world, "Bến Nghé", phone="+84987000333", ward=world.b)
    client.force_login(world.comms)
    assert client.get(f"{INBOX}{theirs.pk}/").status_code == 404
    ours = received(world, "An Bình", phone="+84987000334")
    for role in ("leader", "team_member", "team_leader"):
        client.force_login(world.users[role])
        response = client.get(f"{INBOX}{ours.pk}/")
        assert response.status_code in (302, 403)
        assert "An Bình" not in client.get(INBOX).content.decode()
    ours.refresh_from_db()
    assert ours.read_at is None


def answer(staff, message, text, form_token=None, *, capture=None):
    page = staff.get(f"{INBOX}{message.pk}/").content.decode()
    data = {"text": text, "token": form_token or token(page)}
    if capture is None:
        return staff.post(f"{INBOX}{message.pk}/", data, follow=True)
    with capture(execute=True):
        return staff.post(f"{INBOX}{message.pk}/", data, follow=True)


def test_staff_answer_from_the_thread_once_with_an_audit_entry(
    staff, world, django_capture_on_commit_callbacks
):
    resident = person(world.a1)
    message = received(world, "Mấy giờ phường mở cửa?", resident=resident)
    page = staff.get(f"{INBOX}{message.pk}/").content.decode()
    form_token = token(page)
    data = {"text": "Dạ, 7 giờ 30 sáng ạ.", "token": form_token}
    with django_capture_on_commit_callbacks(execute=True):
        first = staff.post(f"{INBOX}{message.pk}/", data, follow=True).content.decode()
    again = staff.post(f"{INBOX}{message.pk}/", data, follow=True).content.decode()
    [notice] = Notice.objects.filter(reason="reply")
    assert notice.phone == resident.phone and notice.text == "Dạ, 7 giờ 30 sáng ạ."
    assert notice.status == Notice.Status.DELIVERED  # the ward's test outbox took it
    assert "Tin trả lời đang được gửi đi." in first and "7 giờ 30 sáng" in first
    assert "đã được gửi trước đó" in again
    message.refresh_from_db()
    assert message.handled_by == world.comms
    entry = AuditEntry.objects.get(object_type="notice")
    assert entry.actor == world.comms and entry.ward == world.a
    assert resident.phone not in entry.summary + str(entry.changes)


def test_an_answer_to_an_opted_out_number_is_refused_plainly(staff, world):
    resident = person(world.a1)
    OptOut.objects.create(ward=world.a, phone=resident.phone, source=OptOutSource.KEYWORD)
    page = answer(staff, received(world, "HUY", resident=resident), "Dạ vâng").content.decode()
    assert "đã từ chối nhận tin nhắn nên tin trả lời không được gửi" in page
    assert Notice.objects.get(reason="reply").status == Notice.Status.SUPPRESSED


def test_an_answer_in_quiet_hours_is_held_and_staff_are_told_when(staff, world):
    now = timezone.localtime()
    MessagingPolicy.objects.filter(ward=world.a).update(
        send_from=(now + datetime.timedelta(hours=2)).time().replace(minute=0, second=0),
        send_until=(now + datetime.timedelta(hours=3)).time().replace(minute=0, second=0),
    )
    page = answer(staff, received(world, "?", phone="+84987000444"), "Sáng mai ạ").content
    assert "Đang ngoài giờ được gửi tin" in page.decode()
    assert Notice.objects.get(reason="reply").sent_at is None


def test_an_answer_over_the_cap_is_held_and_staff_are_told(staff, world):
    MessagingPolicy.objects.filter(ward=world.a).update(per_recipient_cap=1)
    phone = "+84987000555"
    Notice.objects.create(
        ward=world.a, phone=phone, text="t", reason="x", dedup_key="x", sent_at=timezone.now()
    )
    page = answer(staff, received(world, "?", phone=phone), "Dạ").content.decode()
    assert "đã nhận đủ số tin cho phép" in page


def test_a_too_long_or_empty_answer_is_refused_in_vietnamese(staff, world):
    message = received(world, "?", phone="+84987000666")
    long = answer(staff, message, "á" * 1001)
    assert long.status_code == 400 and "tối đa 1000" in long.content.decode()
    empty = answer(staff, message, " \x00 ")
    assert empty.status_code == 400 and "Nhập nội dung trả lời" in empty.content.decode()
    stale = answer(staff, message, "Dạ", form_token="x")
    assert stale.status_code == 400 and "tải lại trang" in stale.content.decode()
    assert not Notice.objects.exists()


def test_a_reply_without_a_phone_cannot_be_answered(staff, world):
    message = received(world, "xin chào", sender_ref="8213665430000000000")
    page = staff.get(f"{INBOX}{message.pk}/").content.decode()
    assert "không trả lời được" in page and 'name="token"' not in page
    response = staff.post(f"{INBOX}{message.pk}/", {"text": "Dạ", "token": "a" * 32})
    assert response.status_code == 400 and not Notice.objects.exists()

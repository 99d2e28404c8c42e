"""A visit is closed → the resident's phone gets the rating link → they rate 2/5 with a comment →
staff see it in the inbox, the leader in the figures → staff answer → the citizen gets the answer
→ it is published on “Bạn nói — phường làm” without their name or phone."""

import datetime
import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import ChannelAccount, MessagingPolicy
from feedback.models import FeedbackSettings, Petition, Rating
from feedback.services.ratings import rating_requests_send_due
from teams.records import check_visit, parse_record
from teams.services import visit_record
from tests.browser.conftest import sign_in
from tests.campaigns.conftest import twilio_account
from tests.fakes.twilio import FakeTwilio
from wards.models import Household, Resident

LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def gateway(demo_ward):
    ChannelAccount.objects.filter(ward=demo_ward).update(is_active=False)
    MessagingPolicy.objects.update_or_create(
        ward=demo_ward,
        defaults={"send_from": datetime.time(0, 0), "send_until": datetime.time(0, 0)},
    )
    setup = FeedbackSettings.for_site(demo_ward.site)
    setup.delay_minutes = 0
    setup.save()
    with FakeTwilio() as fake:
        twilio_account(demo_ward, fake)
        yield fake


@pytest.fixture
def laptop(browser, live_server):
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def close_a_visit(ward):
    member = get_user_model().objects.get(username="tovien")
    household = (
        Household.objects.for_user(member).filter(residents__phone__startswith="+84").first()
    )
    resident = household.residents.exclude(phone="").first()
    data = {
        "client_uuid": str(uuid.uuid4()),
        "household_id": household.pk,
        "visited_at": (timezone.now() - datetime.timedelta(minutes=3)).isoformat(),
        "outcome": "done",
        "attendees": [{"resident_id": resident.pk, "actions": []}],
        "notes": "",
    }
    visit_record(member=member, draft=check_visit(member=member, record=parse_record(data)))
    return resident


def ratings_shown(page) -> int:
    page.goto("/thong-ke/")
    card = (
        page.locator("#gop-y").locator("xpath=..").get_by_text(re.compile(r"lượt đánh giá · điểm"))
    )
    return int(re.match(r"[\d.]+", card.inner_text()).group(0).replace(".", ""))


def test_a_rating_after_a_visit_is_answered_and_published(phone, laptop, demo_ward, gateway):
    resident = close_a_visit(demo_ward)
    assert rating_requests_send_due() == 1
    (sms,) = [m for m in gateway.accepted if m["phone"] == resident.phone]
    link = re.search(r"https?://\S+/dg/[\w-]+/", sms["body"]).group(0)

    sign_in(laptop, "lanhdao")
    before = ratings_shown(laptop)

    phone.goto(urlsplit(link).path)
    expect(
        phone.get_by_role("heading", name="Bạn thấy lần phục vụ vừa rồi thế nào?")
    ).to_be_visible()
    phone.get_by_text("Không hài lòng", exact=True).click()
    phone.get_by_label("Bạn muốn nhắn gì thêm?").fill("Hẹn 9 giờ mà 11 giờ mới đến.")
    phone.get_by_role("button", name="Gửi đánh giá").click()
    expect(phone.get_by_role("heading", name="Cảm ơn bạn đã đánh giá!")).to_be_visible()
    assert Rating.objects.filter(score=2, comment="Hẹn 9 giờ mà 11 giờ mới đến.").exists()

    assert ratings_shown(laptop) == before + 1

    laptop.context.clear_cookies()
    sign_in(laptop, "truyenthong")
    laptop.goto("/admin/gop-y/")
    laptop.get_by_role("link", name=re.compile("Hẹn 9 giờ mà 11 giờ")).click()
    expect(laptop.get_by_text("2/5 · Không hài lòng")).to_be_visible()
    laptop.get_by_label("Trả lời của phường").fill(
        "Phường xin lỗi bác, tổ đã đổi lịch để đến đúng giờ."
    )
    laptop.get_by_label("Nội dung đăng công khai").fill("Tổ công nghệ số đến trễ giờ hẹn.")
    laptop.get_by_label("Đăng lên trang").check()
    laptop.get_by_label("Chuyển trạng thái").select_option(label="Đã trả lời")
    laptop.get_by_role("button", name="Lưu").click()
    expect(laptop.get_by_text(re.compile(r"Đã lưu góp ý"))).to_be_visible()

    answers = [
        m for m in gateway.accepted if m["phone"] == resident.phone and "xin lỗi" in m["body"]
    ]
    assert len(answers) == 1
    assert Petition.objects.get(rating__comment__startswith="Hẹn 9 giờ").published

    phone.goto("/ban-noi-phuong-lam/")
    expect(phone.get_by_text("Tổ công nghệ số đến trễ giờ hẹn.")).to_be_visible()
    expect(phone.get_by_text("Phường xin lỗi bác, tổ đã đổi lịch để đến đúng giờ.")).to_be_visible()
    public = phone.content()
    national = "0" + resident.phone[3:]
    assert resident.full_name not in public
    assert national not in public and national[:4] + " " + national[4:7] not in public
    assert Resident.objects.filter(pk=resident.pk).exists()

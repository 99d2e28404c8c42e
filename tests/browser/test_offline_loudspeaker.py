"""Communications staff write a loudspeaker script (read time shown as they type), add a slot,
confirm it was played; a resident who heard "vào …/loa1" opens it and is counted."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import BroadcastSlot, CodeVisit
from tests.browser.conftest import sign_in
from tests.campaigns.test_offline_leaflets import PHONE as PHONE_AGENT


def test_staff_run_a_loudspeaker_campaign_and_a_listener_is_counted(
    browser, live_server, demo_ward, phone
):
    context = browser.new_context(locale="vi-VN", base_url=live_server.url)
    staff = context.new_page()
    sign_in(staff, "truyenthong")
    staff.goto("/admin/chien-dich/ngoai-tin-nhan/")
    staff.get_by_role("link", name="Loa phát thanh").first.click()

    staff.get_by_label("Tên chiến dịch").fill("Loa nhắc kích hoạt VNeID")
    staff.get_by_label("Mục tiêu").select_option(label="Kích hoạt VNeID mức 2")
    staff.get_by_label("Bài đọc trên loa").fill(" ".join(["kích hoạt"] * 75))
    expect(staff.locator("[data-read-time]")).to_contain_text("Thời gian đọc khoảng 1:00")
    staff.get_by_role("button", name="Lưu và tạo mã theo dõi").click()
    expect(staff.get_by_text("Thời gian đọc khoảng 1:00")).to_be_visible()
    spoken = staff.locator("p", has_text="Đọc trên loa").inner_text()
    assert "/loa1" in spoken

    later = timezone.localtime(timezone.now() + datetime.timedelta(hours=3))
    staff.get_by_label("Khu phố").select_option(index=1)
    staff.get_by_label("Giờ phát").fill(later.strftime("%Y-%m-%dT%H:%M"))
    staff.get_by_role("button", name="Thêm giờ phát").click()
    expect(staff.get_by_text("Đã thêm giờ phát.")).to_be_visible()
    staff.get_by_role("button", name="Xác nhận đã phát").click()
    expect(staff.get_by_text("Đã ghi nhận lượt phát loa.")).to_be_visible()
    slot = BroadcastSlot.objects.get()
    assert slot.confirmed_by.username == "truyenthong" and slot.confirmed_at is not None
    context.close()

    # Headless Chromium names itself "HeadlessChrome", which the scan log counts as a bot.
    listening = browser.new_context(base_url=live_server.url, user_agent=PHONE_AGENT)
    listener = listening.new_page()
    listener.goto("/loa1")
    listener.wait_for_load_state()
    listening.close()
    assert CodeVisit.objects.people().filter(code__code="loa1").count() == 1

"""Communications staff build a campaign in the admin (live count as they choose), send it
through the console channel, read it in the outbox; a resident opens the link and opts out."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from campaigns.models import Campaign, MessagingPolicy, OptOut, Recipient
from tests.browser.conftest import sign_in
from wards.models import Ward

LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def laptop(browser, live_server):
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def test_staff_build_and_send_a_campaign_and_a_resident_opts_out(laptop, phone, demo_ward):
    # Send at any hour the test runs (the demo ward keeps the 07:00–22:00 window otherwise).
    for ward in Ward.objects.all():
        MessagingPolicy.objects.update_or_create(
            ward=ward, defaults={"send_from": datetime.time(0), "send_until": datetime.time(0)}
        )
    sign_in(laptop, "truyenthong")
    laptop.goto("/admin/chien-dich/")
    laptop.get_by_role("link", name="Tạo chiến dịch").click()

    laptop.get_by_label("Tên chiến dịch").fill("Nhắc tạo tài khoản dịch vụ công — Khu phố 3")
    laptop.get_by_label("Mục tiêu").select_option(label="Tạo tài khoản dịch vụ công")
    laptop.get_by_label("Khu phố 3").check()
    # The live count appears as the audience is chosen, with a reason for each exclusion.
    targeted = laptop.locator('[data-count="targeted"]')
    expect(targeted).to_be_visible()
    laptop.get_by_label("Nội dung tin nhắn").fill(
        "Chào {ten}, tạo tài khoản dịch vụ công để nộp hồ sơ tại nhà: {lien_ket}"
    )
    expect(laptop.get_by_role("heading", name="Xem trước từng người")).to_be_visible()
    expect(laptop.get_by_text(re.compile(r"phần tin SMS"))).to_be_visible()
    # Beside the message: characters and segments as it is typed.
    expect(laptop.locator("[data-segment-counter]")).to_contain_text("phần tin (70 ký tự một phần)")
    # The console channel takes text: a template channel's fields are not shown.
    for hidden in laptop.locator("[data-channel-field]").all():
        expect(hidden).to_be_hidden()
    laptop.get_by_role("button", name="Lưu bản nháp").click()

    expect(laptop.get_by_text("Đã lưu chiến dịch")).to_be_visible()
    built = Campaign.objects.get(name="Nhắc tạo tài khoản dịch vụ công — Khu phố 3")
    laptop.get_by_role("button", name="Chốt danh sách và gửi").click()
    # Nothing goes out before staff read how many, on which channel and at what cost.
    summary = laptop.locator("[data-confirm-summary]")
    expect(summary).to_contain_text(re.compile(r"Sẽ gửi \d+ tin qua .+, ước tính [\d.,]+ đ"))
    built.refresh_from_db()
    assert built.status == Campaign.Status.DRAFT and not built.recipients.exists()
    laptop.get_by_role("button", name=re.compile(r"^Gửi \d+ tin$")).click()
    built.refresh_from_db()
    assert built.status in (Campaign.Status.SENDING, Campaign.Status.DONE)
    laptop.reload()
    expect(laptop.get_by_role("heading", name="Tiến độ gửi")).to_be_visible()
    expect(laptop.locator("[data-progress-status]")).to_have_text("Đã gửi xong")

    # Per-recipient delivery status, filterable, in the admin.
    laptop.get_by_role("link", name="Người nhận và trạng thái gửi").click()
    laptop.get_by_label("Trạng thái").select_option(label="Đã đến máy")
    laptop.get_by_role("button", name="Lọc").click()
    delivered = built.recipients.filter(status="delivered").count()
    expect(laptop.get_by_text(f"{delivered} người nhận")).to_be_visible()
    expect(laptop.locator("[data-recipients] tbody tr")).to_have_count(min(delivered, 50))

    laptop.goto("/admin/chien-dich/hop-thu-thu-nghiem/")
    expect(
        laptop.get_by_text("tạo tài khoản dịch vụ công để nộp hồ sơ tại nhà").first
    ).to_be_visible()

    # A resident reads the message on a phone, opens the link, then stops the messages.
    row = Recipient.objects.filter(campaign=built, status="delivered").first()
    phone.goto(f"/l/{row.link_code}")
    row.refresh_from_db()
    assert row.first_clicked_at is not None
    phone.goto(f"/tu-choi/{row.link_code}/")
    phone.get_by_role("button", name="Không nhận tin nhắn nữa").click()
    expect(phone.get_by_role("status")).to_contain_text("sẽ không gửi tin nhắn đến số này nữa")
    assert OptOut.objects.filter(phone=row.phone).exists()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

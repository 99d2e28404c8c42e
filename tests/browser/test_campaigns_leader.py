"""A ward leader, on a phone, approves a big campaign and reads the results of the last one."""

from playwright.sync_api import expect

from campaigns import demo
from campaigns.models import Campaign
from tests.browser.conftest import sign_in


def test_leader_approves_then_reads_the_results(phone, demo_ward):
    waiting = Campaign.objects.get(name=demo.WAITING_NAME)
    assert waiting.status == Campaign.Status.AWAITING_APPROVAL
    sign_in(phone, "lanhdao")
    phone.goto("/chien-dich/duyet/")
    expect(phone.get_by_role("heading", name="Chờ anh/chị duyệt")).to_be_visible()
    phone.get_by_role("link", name=demo.WAITING_NAME).click()

    expect(phone.get_by_role("heading", name=demo.WAITING_NAME)).to_be_visible()
    expect(phone.get_by_text("Số người nhận tin")).to_be_visible()
    expect(phone.get_by_text("Chi phí ước tính")).to_be_visible()
    expect(phone.locator("blockquote")).to_contain_text("Chào Lan")  # a made-up name
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    # Sending back needs a reason; the page says so and keeps nothing half-done.
    phone.get_by_role("button", name="Trả lại để sửa").click()
    expect(phone.get_by_role("alert")).to_contain_text("Hãy ghi lý do")
    phone.get_by_role("button", name="Duyệt và cho gửi").click()
    expect(phone.get_by_text("Đã duyệt. Chiến dịch sẽ được gửi theo lịch.")).to_be_visible()
    waiting.refresh_from_db()
    assert waiting.status != Campaign.Status.AWAITING_APPROVAL
    assert waiting.approved_by.username == "lanhdao"

    phone.get_by_role("link", name=demo.SENT_NAME).click()
    expect(phone.get_by_role("heading", name="Phễu kết quả")).to_be_visible()
    expect(phone.get_by_role("heading", name="Tác động so với nhóm đối chứng")).to_be_visible()
    expect(phone.get_by_role("heading", name="Theo khu phố")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

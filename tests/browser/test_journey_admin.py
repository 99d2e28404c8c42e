"""Communications staff build a reminder journey on a phone-sized screen: a refusal keeps what
they typed, the saved journey shows its steps and its (empty) counts."""

from playwright.sync_api import expect

from campaigns.models import Journey
from tests.browser.conftest import sign_in


def test_staff_create_a_journey_through_the_admin(demo_ward, phone):
    sign_in(phone, "truyenthong")
    phone.goto("/admin/chien-dich/chuoi-nhac/")
    phone.get_by_role("link", name="Chuỗi nhắc mới").first.click()

    phone.locator("#id_name").fill("Nhắc kích hoạt VNeID mức 2")
    phone.get_by_label("Bắt đầu khi người dân đạt mốc").select_option(label="Được cấp VNeID mức 2")
    phone.get_by_label("Dừng khi đạt mốc").select_option(label="Kích hoạt VNeID mức 2")
    phone.get_by_label("Giao tổ đến nhà khi nhắc đủ mà chưa đạt").check()
    phone.get_by_label("Bước 1: sau mốc bắt đầu (ngày)").fill("3")
    phone.get_by_label("Bước 1: nội dung tin nhắn").fill("Chào {ten}, mời bác kích hoạt VNeID.")
    phone.get_by_label("Bước 2: sau mốc bắt đầu (ngày)").fill("2")
    phone.get_by_label("Bước 2: nội dung tin nhắn").fill("Bác {ten} đã kích hoạt chưa?")
    phone.get_by_role("button", name="Lưu chuỗi nhắc").click()
    expect(phone.get_by_text("sau bước trước ít nhất một ngày").first).to_be_visible()
    expect(phone.get_by_label("Bước 2: nội dung tin nhắn")).to_have_value(
        "Bác {ten} đã kích hoạt chưa?"
    )

    phone.get_by_label("Bước 2: sau mốc bắt đầu (ngày)").fill("10")
    phone.get_by_role("button", name="Lưu chuỗi nhắc").click()
    expect(phone.get_by_text("Đã lưu “Nhắc kích hoạt VNeID mức 2”.")).to_be_visible()
    expect(phone.get_by_text("Sau 10 ngày: Bác {ten} đã kích hoạt chưa?")).to_be_visible()
    journey = Journey.objects.get(name="Nhắc kích hoạt VNeID mức 2")
    assert journey.ends_with_team_task and journey.steps.count() == 2
    no_overflow = "document.documentElement.scrollWidth <= window.innerWidth + 1"
    assert phone.evaluate(no_overflow)

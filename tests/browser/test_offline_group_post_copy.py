"""Staff copy a group post with one tap: through the Clipboard API, or, where the browser has
none (a plain-HTTP address), the text is selected for a long press."""

import pytest
from playwright.sync_api import expect

from campaigns.models import Outreach
from campaigns.offline import services
from tests.browser.conftest import sign_in
from wards.models import Milestone, Ward

TEXT = "Bà con ơi, phường hướng dẫn kích hoạt VNeID mức 2 tại đây:"


@pytest.fixture
def post(demo_ward):
    from django.contrib.auth import get_user_model

    ward = Ward.objects.order_by("pk").first()
    return services.outreach_create(
        ward=ward,
        by=get_user_model().objects.get(username="truyenthong"),
        kind=Outreach.Kind.GROUP_POST,
        groups=["Zalo Khu phố 3"],
        name="Bài đăng nhóm Zalo",
        goal=Milestone.VNEID_LEVEL2_ACTIVATED,
        text=TEXT,
    )


def test_one_tap_copies_the_post_with_its_tracked_link(browser, live_server, post):
    context = browser.new_context(locale="vi-VN", base_url=live_server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    sign_in(page, "truyenthong")
    page.goto(f"/admin/chien-dich/ngoai-tin-nhan/{post.pk}/")
    page.get_by_role("button", name="Chép nội dung").click()
    expect(page.locator(".cr-share [role=status]")).to_have_text("Đã chép")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(TEXT) and f"/t/{post.codes.get().code}" in copied
    context.close()


def test_without_the_clipboard_api_the_text_is_selected(browser, live_server, post):
    context = browser.new_context(locale="vi-VN", base_url=live_server.url)
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = context.new_page()
    sign_in(page, "truyenthong")
    page.goto(f"/admin/chien-dich/ngoai-tin-nhan/{post.pk}/")
    page.get_by_role("button", name="Chép nội dung").click()
    expect(page.locator(".cr-share [role=status]")).to_contain_text("nhấn giữ để chép")
    box = page.locator("textarea[readonly]")
    selected = box.evaluate("b => b.value.slice(b.selectionStart, b.selectionEnd)")
    assert selected == box.input_value() and selected.startswith(TEXT)
    context.close()

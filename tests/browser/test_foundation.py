"""A person opens the ward's site on a phone, switches language, and each role signs in."""

import pytest

from tests.browser.conftest import sign_in


def test_home_page_in_vietnamese_then_english(phone, demo_ward):
    phone.goto("/")
    assert phone.locator("html").get_attribute("lang") == "vi"
    assert phone.get_by_role("heading", level=1).is_visible()
    assert phone.get_by_text("Liên hệ phường").is_visible()
    # Nothing overflows sideways on a 360 px screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    phone.get_by_role("link", name="English").click()
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.get_by_role("link", name="Tiếng Việt").is_visible()


@pytest.mark.parametrize(
    ("username", "lands_on"),
    [("admin", "/admin/"), ("truyenthong", "/admin/"), ("tinh", "/thong-ke/")],
)
def test_admin_roles_land_in_the_admin(phone, demo_ward, username, lands_on):
    sign_in(phone, username)
    assert phone.url.endswith(lands_on)


def test_wrong_password_gets_a_vietnamese_message_and_keeps_the_user_name(phone, demo_ward):
    sign_in(phone, "tovien", password="sai-mat-khau")
    assert phone.get_by_role("alert").is_visible()
    assert phone.get_by_label("Tên đăng nhập").input_value() == "tovien"

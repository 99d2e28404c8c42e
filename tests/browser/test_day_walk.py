"""The day of a citizen, a leader and communications staff, walked on a real browser: citizens and
leaders on a 360×740 phone, staff on a 1366×768 laptop."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from learning.demo import VIDEO_LESSON
from tests.browser.conftest import sign_in

LESSON = f"/vneid/{VIDEO_LESSON}/"
LAPTOP = {"width": 1366, "height": 768}


def serious(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [v["id"] for v in violations if v["impact"] in ("serious", "critical")]


def readable(page) -> None:
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 18
    small = page.evaluate(
        """() => [...document.querySelectorAll('main .button, main button')]
            .filter(el => el.offsetParent !== null)
            .filter(el => el.getBoundingClientRect().height < 47.5)
            .map(el => el.textContent.trim())"""
    )
    assert not small, small


@pytest.mark.slow
def test_citizen_changes_an_answer_sees_the_note_above_and_keeps_the_certificate(phone, demo_ward):
    phone.goto(LESSON)
    expect(phone.get_by_text(re.compile(r"^Bước 1 / \d+$")).first).to_be_visible()
    assert phone.locator("main h1").count() == 1
    question = phone.locator("[data-question='0']")
    question.get_by_text("Từ đường link người lạ gửi qua Zalo", exact=True).click()
    check = question.get_by_role("button", name="Kiểm tra câu này")
    expect(check).to_be_enabled()
    # Changed their mind before checking: only the second choice is graded.
    question.get_by_text("Từ CH Play hoặc App Store", exact=True).click()
    check.click()
    feedback = question.locator(".quiz__feedback")
    expect(feedback).to_have_text("Đúng rồi!")
    first_option = question.locator(".quiz__answer").first
    assert feedback.bounding_box()["y"] < first_option.bounding_box()["y"]
    assert not serious(phone)
    readable(phone)

    title = phone.title()
    assert title.count("Phường Hòa An") <= 1, title
    assert phone.request.get("/favicon.ico").status == 200


@pytest.mark.slow
def test_leader_sees_what_waits_for_approval_and_signs_out(phone, demo_ward):
    sign_in(phone, "lanhdao")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Thống kê chuyển đổi số")
    expect(phone.get_by_role("link", name=re.compile("chờ"))).to_be_visible()
    expect(phone.get_by_text("Cả phường").first).to_be_attached()
    assert not serious(phone)
    readable(phone)
    phone.get_by_role("button", name="Đăng xuất").click()
    phone.goto("/thong-ke/")
    expect(phone).to_have_url(re.compile("/dang-nhap/"))


@pytest.mark.slow
def test_province_admin_lands_on_the_ranking_of_three_wards(phone, demo_ward):
    sign_in(phone, "tinh")
    expect(phone).to_have_url(re.compile("/thong-ke/"))
    expect(phone.get_by_text("3 phường").first).to_be_visible()


@pytest.mark.slow
def test_staff_land_on_their_own_work_in_vietnamese(browser, live_server, demo_ward):
    context = browser.new_context(viewport=LAPTOP, locale="en-US", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(30_000)
    # The sign-in page follows the browser's English; fill it by field name.
    page.goto("/dang-nhap/")
    page.locator("input[name=username]").fill("truyenthong")
    page.locator("input[name=password]").fill("phuongso-demo")
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "vi"
    expect(page.get_by_role("link", name="In áp phích QR").first).to_be_visible()
    # Households and residents cannot be imported by this role: those menu items are not offered.
    assert (
        page.locator("a[href$='/admin/nhap/ho-gia-dinh/'], a[href$='/admin/nhap/cu-dan/']").count()
        == 0
    )
    # Their day's pages, read by a screen reader as well as seen: no serious axe finding.
    for url in ("/admin/", "/admin/chien-dich/", "/admin/chien-dich/moi/", "/admin/pages/"):
        page.goto(url)
        assert not serious(page), url
    context.close()

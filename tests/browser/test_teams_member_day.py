"""A team member's day on a 360×740 phone: the list, a household and a person added with no
network through the same queue as visits, a visit to the household added offline, errors that
show below the sticky bar, true statuses, a duplicate household offered instead of added."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from teams.models import FieldRecord, Visit
from tests.browser.conftest import sign_in
from wards.models import Household

TIMEOUT = 20_000
CONTROLS = (
    "main .button, main button:not(.link-button), main select, "
    "main input:not([type=radio]):not([type=checkbox]):not([type=hidden]), .field-nav a"
)


def check_page(phone, axe, name):
    """axe serious/critical = 0, body text ≥ 18 px, tap targets ≥ 48 px, no sideways scroll."""
    phone.wait_for_load_state("networkidle")
    violations = axe.run(phone).response["violations"]
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, f"{name}: {serious}"
    assert phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 18, name
    small = phone.evaluate(
        """selector => [...document.querySelectorAll(selector)]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect().height])
            .filter(([, height]) => height < 47.5)""",
        CONTROLS,
    )
    assert not small, f"{name}: {small}"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360, name


def below_the_bar(phone, selector) -> bool:
    return phone.evaluate(
        """selector => {
            const bar = document.querySelector('.sync-bar').getBoundingClientRect();
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= bar.bottom - 1 && box.bottom <= window.innerHeight;
        }""",
        selector,
    )


@pytest.mark.slow
def test_a_member_adds_a_household_offline_visits_it_and_nothing_is_lost(phone, demo_ward):
    axe = Axe()
    sign_in(phone, "tovien")
    expect(phone.get_by_text("Đã lưu các hộ trong danh sách")).to_be_visible(timeout=TIMEOUT)
    check_page(phone, axe, "today")
    # Signed in: the footer does not offer staff sign-in; nothing to send: no "Gửi ngay".
    expect(phone.get_by_role("link", name="Cán bộ đăng nhập")).to_have_count(0)
    expect(phone.get_by_role("button", name="Gửi ngay")).to_be_hidden()
    chip = phone.locator(".person").first
    expect(chip).to_contain_text("mức 2")  # words, not colour only
    assert (
        phone.evaluate("el => parseFloat(getComputedStyle(el).fontSize)", chip.element_handle())
        >= 16
    )

    phone.get_by_role("link", name="Thêm hộ", exact=True).click()
    check_page(phone, axe, "household form")
    phone.context.set_offline(True)
    expect(phone.get_by_text("Mất mạng — vẫn ghi được")).to_be_visible()
    # Checked on the phone before queueing: a phone number of letters.
    phone.get_by_label("Địa chỉ").fill("7 Hẻm Ngoại Tuyến")
    phone.get_by_label("Chủ hộ").fill("Vũ Thị Ngoại")
    phone.get_by_label("Điện thoại (nếu có)").fill("abc")
    phone.get_by_role("button", name="Lưu hộ").click()
    error = phone.locator("[data-form-error]").first
    expect(error).to_contain_text("Số điện thoại chưa đúng")
    assert below_the_bar(phone, "[data-form-error]:not([hidden])")
    assert phone.evaluate("document.activeElement.matches('[data-form-error]')")
    phone.get_by_label("Điện thoại (nếu có)").fill("0935 111 222")
    phone.get_by_role("button", name="Lưu hộ").click()
    expect(phone.get_by_text("Đã lưu trên điện thoại, chưa gửi")).to_be_visible()
    expect(phone.locator("[data-pending]")).to_have_text("1")
    expect(phone.get_by_role("button", name="Gửi ngay")).to_be_visible()
    assert not Household.objects.filter(address="7 Hẻm Ngoại Tuyến").exists()

    # Its first visit, still offline: the page for a household added on this phone.
    phone.get_by_role("link", name="Ghi lần thăm hộ này").click()
    expect(phone.get_by_role("heading", name="Ghi lần thăm")).to_be_visible()
    expect(phone.locator("[data-new-household]")).to_contain_text("7 Hẻm Ngoại Tuyến")
    phone.get_by_label("Đã xong").check()
    phone.get_by_role("button", name="Lưu lần thăm").click()
    expect(phone.get_by_text("Hãy chọn ít nhất một người có mặt.")).to_be_visible()
    assert below_the_bar(phone, "#visit-form [data-form-error]")
    phone.get_by_text("Người mới gặp (chưa có trong hộ)").click()
    phone.get_by_label("Họ và tên người mới").fill("Vũ Thị Ngoại")
    phone.locator("[data-new-person]").get_by_label("Cài VNeID, đăng ký mức 1").check()
    phone.get_by_role("button", name="Lưu lần thăm").click()
    expect(phone.locator("[data-pending]")).to_have_text("2")
    expect(phone.get_by_text("Đã lưu trên điện thoại, chưa gửi")).to_be_visible()

    phone.context.set_offline(False)
    expect(phone.locator("[data-pending]")).to_have_text("0", timeout=TIMEOUT)
    expect(phone.get_by_role("button", name="Gửi ngay")).to_be_hidden()
    added = Household.objects.get(address="7 Hẻm Ngoại Tuyến")
    assert added.phone == "+84935111222"
    visit = Visit.objects.get(household=added)
    assert visit.attendees.get().resident.full_name == "Vũ Thị Ngoại"
    assert FieldRecord.objects.filter(household=added).count() == 1

    # Online, the same address and phone again: the existing household is offered, nothing typed
    # is lost, and nothing is added.
    phone.goto("/doi/ho/them/")
    phone.get_by_label("Địa chỉ").fill("7 hẻm ngoại tuyến")
    phone.get_by_label("Chủ hộ").fill("Người Khác")
    phone.get_by_label("Điện thoại (nếu có)").fill("0935111222")
    phone.get_by_role("button", name="Lưu hộ").click()
    expect(phone.locator("[data-form-error]")).to_contain_text("đã có trong danh sách")
    expect(phone.get_by_label("Chủ hộ")).to_have_value("Người Khác")
    assert Household.objects.filter(area=added.area, phone=added.phone).count() == 1
    phone.get_by_role("link", name="Mở hộ đã có").first.click()
    expect(phone.get_by_role("heading", name="7 Hẻm Ngoại Tuyến")).to_be_visible()
    check_page(phone, axe, "household page")

    # A person added from the household's page goes through the queue and is there at once.
    phone.get_by_text("Thêm người vào hộ").click()
    phone.get_by_label("Họ và tên", exact=True).fill("Vũ Văn Con")
    phone.get_by_role("button", name="Lưu người này").click()
    expect(phone.locator(".residents")).to_contain_text("Vũ Văn Con", timeout=TIMEOUT)
    assert added.residents.filter(full_name="Vũ Văn Con").exists()

    # The refused duplicate waits in the queue with why and what to do, until dropped.
    phone.get_by_role("link", name="Hàng chờ").click()
    item = phone.locator("#queue-list li").filter(has_text="Bị từ chối")
    expect(item).to_contain_text("đã có trong danh sách")
    expect(item).to_contain_text("Bấm “Sửa” để sửa")
    expect(item.get_by_role("link", name="Mở hộ đã có")).to_be_visible()
    check_page(phone, axe, "queue")
    phone.once("dialog", lambda dialog: dialog.accept())
    item.get_by_role("button", name="Bỏ bản ghi").click()
    expect(phone.get_by_text("Không còn bản ghi nào chờ gửi.")).to_be_visible()

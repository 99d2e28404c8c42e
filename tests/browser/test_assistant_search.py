"""A citizen on a cheap phone asks in their own words and lands on the procedure and its lesson."""

import pytest
from axe_playwright_python.sync_playwright import Axe


@pytest.fixture
def indexed_ward(demo_ward):
    from assistant import services

    services.index_rebuild(ward=demo_ward)
    return demo_ward


# Controls a thumb must hit (inline links inside sentences are exempt, as in WCAG 2.5.8).
CONTROLS = "main .button, main button, main input:not([type=hidden]), main textarea, .proc-links a, .answer__next, .answer__title a, .site-search button, .site-search input"


def test_birth_question_without_marks_lands_on_the_procedure_and_its_lesson_in_two_taps(
    phone, demo_ward
):
    phone.goto("/")
    phone.get_by_label("Bạn cần làm gì?").first.fill("con moi sinh can lam giay to gi")
    phone.get_by_role("button", name="Hỏi").click()  # tap 1
    phone.wait_for_load_state()
    card = phone.locator(".answer")
    assert card.get_by_role("heading", name="Đăng ký khai sinh", exact=True).is_visible()
    assert card.get_by_role("link", name="Nộp trực tuyến").is_visible()
    assert card.get_by_text("Bài học: Nộp hồ sơ đăng ký khai sinh trực tuyến").is_visible()
    card.get_by_role("link", name="Đăng ký khai sinh", exact=True).click()  # tap 2
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", level=1, name="Đăng ký khai sinh").is_visible()
    assert phone.get_by_role("link", name="Nộp hồ sơ đăng ký khai sinh trực tuyến").is_visible()


def test_procedures_page_by_life_event_finds_lessons_and_has_big_targets(phone, indexed_ward):
    phone.goto("/thu-tuc/")
    assert phone.get_by_role("heading", name="Sinh con").is_visible()
    assert phone.get_by_role("heading", name="Cư trú, hộ khẩu").is_visible()
    phone.get_by_label("Tìm thủ tục hoặc bài học").fill("vneid")
    phone.get_by_role("button", name="Tìm").click()
    phone.wait_for_load_state()
    assert phone.locator("h2", has_text="Bài học").first.is_visible()
    assert phone.get_by_role("link", name="Kích hoạt tài khoản VNeID mức 2").first.is_visible()

    axe = Axe()
    for path in ("/thu-tuc/", "/tim-kiem/?q=lua+dao"):
        phone.goto(path)
        phone.wait_for_load_state("networkidle")
        violations = axe.run(phone).response["violations"]
        found = [
            f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
            for v in violations
            if v["id"] == "target-size" or v["impact"] in ("serious", "critical")
        ]
        assert not found, f"{path}: {found}"
        small = phone.evaluate(
            """selector => [...document.querySelectorAll(selector)]
                .filter(el => el.offsetParent !== null)
                .map(el => [el.textContent.trim().slice(0, 40), el.getBoundingClientRect().height])
                .filter(([, height]) => height < 47.5)""",
            CONTROLS,
        )
        assert not small, f"{path}: {small}"

    for query in ("", "😀😀😀", "x" * 5000):
        response = phone.goto(f"/tim-kiem/?q={query}")
        assert response.status < 500
        assert phone.get_by_role("heading", name="Bạn cần làm gì?").is_visible()

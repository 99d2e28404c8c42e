"""A citizen on a cheap phone and a weak network: from the home page to the VNeID lesson, the small
video, the quiz; the progress survives a reload; the saved lesson and the offline page open with the
network switched off; progress made offline is sent when the network returns."""

import re

import pytest
from playwright.sync_api import expect

from learning.demo import VIDEO_LESSON
from learning.models import LessonPage

LESSON_TITLE = "Cài ứng dụng VNeID và đăng ký tài khoản mức 1"
LESSON_URL = f"/vneid/{VIDEO_LESSON}/"
# Chrome DevTools Protocol: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip.
WEAK_3G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}


def throttle(page):
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", WEAK_3G)
    return session


def right_answers():
    lesson = LessonPage.objects.get(slug=VIDEO_LESSON, locale__language_code="vi")
    return [
        next(answer["text"] for answer in question["answers"] if answer["correct"])
        for question in lesson.quiz_questions
    ]


def answer_quiz(page, answers):
    quiz = page.locator("form[data-quiz]")
    for text in answers:
        label = quiz.locator("label", has_text=re.compile(f"^{re.escape(text)}$"))
        label.click()
        label.locator("xpath=ancestor::fieldset").get_by_role(
            "button", name="Kiểm tra câu này"
        ).click()
    expect(quiz.get_by_role("status").filter(has_text="Bạn trả lời đúng")).to_have_text(
        f"Bạn trả lời đúng {len(answers)}/{len(answers)} câu."
    )


def wait_until(page, expression, timeout_ms=20_000):
    """Poll with page.evaluate: wait_for_function would need 'unsafe-eval', which the CSP refuses."""
    for _ in range(timeout_ms // 100):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {timeout_ms} ms: {expression}")


def wait_for_service_worker(page):
    wait_until(page, "Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)")


def press_play(page):
    """The player's own controls live in a closed shadow root; Space on the focused player is
    the same "play" a person gives it (a tap on its play button does the same on a phone)."""
    video = page.locator("video")
    video.scroll_into_view_if_needed()
    video.focus()
    page.keyboard.press("Space")


def wait_for_playback(page):
    wait_until(page, "document.querySelector('video').currentTime > 0.5")


@pytest.mark.slow
def test_home_to_lesson_video_quiz_reload_and_offline(phone, demo_ward):
    throttle(phone)
    requests = []
    phone.on("request", lambda request: requests.append(request.url))

    phone.goto("/")
    phone.get_by_role("link", name=re.compile("^VNeID")).click()
    phone.get_by_role("link", name=re.compile(re.escape(LESSON_TITLE))).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(LESSON_TITLE)
    phone.wait_for_load_state("networkidle")

    video = phone.locator("video")
    assert video.get_attribute("preload") == "none"
    assert video.get_attribute("poster")
    assert not [url for url in requests if "/hoc/video/" in url], "video bytes before play"
    expect(
        phone.get_by_role("button", name=re.compile(r"Tải video về máy .*\(\d+,?\d* (KB|MB)\)"))
    ).to_be_visible()

    press_play(phone)
    wait_for_playback(phone)
    assert [url for url in requests if "/hoc/video/" in url]

    with phone.expect_response(
        lambda response: (
            "/hoc/tien-do/" in response.url and "quiz" in (response.request.post_data or "")
        )
    ):
        answer_quiz(phone, right_answers())

    phone.get_by_role("button", name="Lưu để đọc khi không có mạng").click()
    expect(phone.get_by_text("Đã lưu. Bạn đọc được bài này cả khi không có mạng.")).to_be_visible()

    phone.reload()
    expect(phone.locator("[data-progress-status]")).to_contain_text("Bạn đã học xong bài này.")
    expect(phone.locator("[data-progress-status]")).to_contain_text("đúng 3/3 câu")
    phone.goto("/")
    continue_box = phone.get_by_role("region", name="Tiếp tục học")
    expect(
        continue_box.get_by_role("link", name=re.compile(re.escape(LESSON_TITLE)))
    ).to_be_visible()

    wait_for_service_worker(phone)
    phone.context.set_offline(True)
    phone.goto(LESSON_URL)
    expect(phone.get_by_role("heading", level=1)).to_have_text(LESSON_TITLE)
    expect(phone.locator(".step__image").first).to_have_js_property("complete", True)
    phone.goto("/hoc/ngoai-tuyen/")
    saved = phone.get_by_role("region", name="Bài đã lưu")
    expect(saved.get_by_role("link", name=LESSON_TITLE)).to_have_attribute("href", LESSON_URL)
    phone.goto("/an-toan/")  # never opened: the offline page answers instead
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bài học đọc được khi không có mạng")
    phone.context.set_offline(False)


@pytest.mark.slow
def test_progress_made_offline_is_sent_when_the_network_returns(phone, demo_ward):
    phone.goto(LESSON_URL)
    wait_for_service_worker(phone)
    phone.reload()  # now served through the worker, which keeps a copy
    phone.get_by_role("button", name=re.compile("Tải video về máy")).click()
    expect(phone.get_by_text("Đã tải video về máy. Xem được khi không có mạng.")).to_be_visible(
        timeout=30_000
    )

    phone.context.set_offline(True)
    phone.reload()
    answer_quiz(phone, right_answers())
    expect(phone.locator("[data-sync-status]").first).to_contain_text("Còn 1 kết quả chưa gửi.")
    expect(phone.get_by_role("button", name="Gửi kết quả")).to_be_visible()

    press_play(phone)
    wait_for_playback(phone)

    with phone.expect_response(lambda response: "/hoc/tien-do/" in response.url):
        phone.context.set_offline(False)
    expect(phone.locator("[data-sync-status]").first).to_have_text("Đã gửi kết quả học về phường.")
    phone.reload()
    expect(phone.locator("[data-progress-status]")).to_contain_text("đúng 3/3 câu")

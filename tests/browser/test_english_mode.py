"""A reader on a phone switches the site to English: the home page and the translated VNeID lesson
are in English at their usual addresses; a lesson nobody translated yet opens in Vietnamese and
says so plainly, instead of a 404."""

import re

import pytest
from playwright.sync_api import expect

from home.demo import ENGLISH_HOME
from learning.demo import VIDEO_LESSON
from learning.demo_content.english import LESSON_01

NOT_TRANSLATED = (
    "This page has no English version yet, so the content below is still in Vietnamese."
)
UNTRANSLATED_TITLE = "Kích hoạt tài khoản VNeID mức 2"


@pytest.mark.slow
def test_an_english_reader_reads_a_translated_lesson_and_an_untranslated_one(phone, demo_ward):
    phone.goto("/")
    phone.get_by_role("link", name="English").click()
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.get_by_role("heading", level=1)).to_have_text(ENGLISH_HOME["intro"])
    expect(phone.get_by_text(NOT_TRANSLATED)).to_have_count(0)

    phone.get_by_role("link", name=re.compile("^VNeID")).click()
    expect(phone.get_by_text(NOT_TRANSLATED)).to_be_visible()  # the topic is not translated
    phone.get_by_role("link", name=re.compile(re.escape(LESSON_01["title"]))).click()
    expect(phone).to_have_url(re.compile(f"/vneid/{VIDEO_LESSON}/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text(LESSON_01["title"])
    expect(phone.get_by_text("Only download VNeID from CH Play or the App Store.")).to_be_visible()
    expect(phone.get_by_text(NOT_TRANSLATED)).to_have_count(0)

    phone.go_back()
    phone.get_by_role("link", name=re.compile(re.escape(UNTRANSLATED_TITLE))).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(UNTRANSLATED_TITLE)
    notice = phone.locator(".translation-notice")
    expect(notice).to_have_text(NOT_TRANSLATED)
    expect(notice).to_be_in_viewport()

    phone.get_by_role("link", name="Tiếng Việt").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(UNTRANSLATED_TITLE)
    expect(phone.get_by_text(NOT_TRANSLATED)).to_have_count(0)
    phone.goto(f"/vneid/{VIDEO_LESSON}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Cài ứng dụng VNeID và đăng ký tài khoản mức 1"
    )

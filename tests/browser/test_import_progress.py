"""A ward administrator watches a long import on its job page: the bar moves as the task
commits its chunks, and the page turns into the result when the task ends."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from wards.models import ImportJob

LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def laptop(browser, live_server):
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def test_the_bar_follows_the_task_and_the_page_shows_the_result(laptop, demo_ward):
    admin = get_user_model().objects.get(username="admin")
    job = ImportJob.objects.create(
        importer="ho-gia-dinh",
        ward=admin.ward_memberships.first().ward,
        user=admin,
        filename="ho-lon.csv",
        file_format="csv",
        content=b"",
        status=ImportJob.Status.CONFIRMING,
        rows_done=0,
        rows_total=40000,
    )
    sign_in(laptop, "admin")
    laptop.goto(f"/admin/nhap/ho-gia-dinh/{job.pk}/")
    expect(laptop.get_by_text("Đã xử lý 0/40000 dòng (0 %).")).to_be_visible()

    # The task commits a chunk: the bar reads it without the page reloading.
    ImportJob.objects.filter(pk=job.pk).update(rows_done=10000)
    expect(laptop.get_by_text("Đã xử lý 10000/40000 dòng (25 %).")).to_be_visible()
    expect(laptop.locator("progress")).to_have_attribute("value", "25")

    # The task ends: the page reloads and says what was written.
    ImportJob.objects.filter(pk=job.pk).update(
        rows_done=40000,
        status=ImportJob.Status.DONE,
        summary={"written": {"new": 39990, "update": 10}},
    )
    expect(laptop.get_by_text("Đã nhập xong: 39990 dòng mới, 10 dòng cập nhật.")).to_be_visible()
    expect(laptop.locator("progress")).to_have_count(0)

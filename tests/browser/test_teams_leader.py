"""The team leader, on a phone: lands on the team's page (it fits 360 px, members by full name,
a bar per area and the households not yet visited), hands an overdue return visit to a member,
cancels another with a confirmation and undoes it, and downloads the week's visits."""

import io

import openpyxl
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from teams.models import FollowUp
from tests.browser.conftest import sign_in
from tests.browser.test_teams_member_day import check_page

NAMES = {"tovien": "Trần Minh Khoa", "totruong": "Nguyễn Thị Hương"}


@pytest.mark.slow
def test_leader_reassigns_an_overdue_follow_up_and_exports_the_week(phone, demo_ward):
    sign_in(phone, "totruong")
    assert phone.url.endswith("/doi/to-truong/")
    expect(phone.get_by_role("heading", name="Tổ công nghệ số Khu phố 1–3")).to_be_visible()
    expect(phone.get_by_role("heading", name="Độ phủ theo khu phố")).to_be_visible()
    expect(phone.locator(".member-week")).to_contain_text(NAMES["tovien"])
    expect(phone.locator(".member-week")).not_to_contain_text("tovien")
    expect(phone.locator(".coverage progress")).to_have_count(6)  # visited and level 2, per area
    expect(phone.locator("details.unvisited").first).to_contain_text("hộ chưa thăm")
    check_page(phone, Axe(), "leader")

    # An overdue return visit in an area both of them walk (Khu phố 3 is the leader's alone).
    overdue = list(
        FollowUp.objects.filter(
            status="open", due_on__lt=timezone.localdate(), household__area__code__in=["kp1", "kp2"]
        )
        .select_related("household", "assigned_to")
        .order_by("pk")
    )
    first = overdue[0]
    target = "totruong" if first.assigned_to.username == "tovien" else "tovien"
    card = phone.locator("li.card").filter(has_text=first.household.address).first
    card.get_by_label("Người quay lại").select_option(label=NAMES[target])
    card.get_by_role("button", name="Giao lại").click()
    expect(phone.get_by_text(f"Đã giao lịch hẹn {first.household.code}")).to_be_visible()
    first.refresh_from_db()
    assert first.assigned_to.username == target

    # "Hủy hẹn" asks first (dismissed: nothing happens), then cancels, then is undone.
    card = phone.locator("li.card").filter(has_text=first.household.address).first
    phone.once("dialog", lambda dialog: dialog.dismiss())
    card.get_by_role("button", name="Hủy hẹn").click()
    first.refresh_from_db()
    assert first.status == "open"
    phone.once("dialog", lambda dialog: dialog.accept())
    card.get_by_role("button", name="Hủy hẹn").click()
    expect(phone.get_by_text("Đã hủy lịch hẹn quay lại")).to_be_visible()
    first.refresh_from_db()
    assert first.status == "cancelled"
    phone.get_by_role("button", name="Hoàn tác").click()
    expect(phone.get_by_text("Đã khôi phục lịch hẹn")).to_be_visible()
    first.refresh_from_db()
    assert first.status == "open"

    with phone.expect_download() as download:
        phone.get_by_role("button", name="Tải tệp").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    assert book.sheetnames == ["Lần thăm", "Độ phủ"]
    assert book["Lần thăm"].freeze_panes == "A3"

"""The team leader, on a phone: lands on the team's page, hands an overdue return visit to a member,
and downloads the week's visits."""

from django.utils import timezone
from playwright.sync_api import expect

from teams.models import FollowUp
from tests.browser.conftest import sign_in


def test_leader_reassigns_an_overdue_follow_up_and_exports_the_week(phone, demo_ward):
    sign_in(phone, "totruong")
    assert phone.url.endswith("/doi/to-truong/")
    expect(phone.get_by_role("heading", name="Tổ công nghệ số Khu phố 1–3")).to_be_visible()
    expect(phone.get_by_role("heading", name="Độ phủ theo khu phố")).to_be_visible()
    expect(phone.get_by_role("row", name="tovien")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    # An overdue return visit in an area both of them walk (Khu phố 3 is the leader's alone).
    overdue = (
        FollowUp.objects.filter(
            status="open", due_on__lt=timezone.localdate(), household__area__code__in=["kp1", "kp2"]
        )
        .select_related("household", "assigned_to")
        .first()
    )
    target = "totruong" if overdue.assigned_to.username == "tovien" else "tovien"
    card = phone.locator("li.card").filter(has_text=overdue.household.address).first
    card.get_by_label("Người quay lại").select_option(label=target)
    card.get_by_role("button", name="Giao lại").click()
    expect(phone.get_by_text(f"Đã giao lịch hẹn {overdue.household.code}")).to_be_visible()
    overdue.refresh_from_db()
    assert overdue.assigned_to.username == target

    with phone.expect_download() as download:
        phone.get_by_role("button", name="Tải tệp").click()
    assert download.value.suggested_filename.endswith(".xlsx")

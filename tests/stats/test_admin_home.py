"""Staff open the admin on their own work, not on Wagtail's count of pages and images."""

from django.urls import reverse

from campaigns.models import Campaign
from tests.campaigns.conftest import account, campaign
from wards.roles import Role


def test_communications_staff_see_campaigns_waiting_and_running(client, two_wards):
    comms = two_wards.users[Role.COMMUNICATIONS]
    console = account(two_wards.a, "console")
    waiting = campaign(two_wards.a, console, comms, name="Chờ duyệt tháng 12")
    Campaign.objects.filter(pk=waiting.pk).update(status=Campaign.Status.AWAITING_APPROVAL)
    running = campaign(two_wards.a, console, comms, name="Đang gửi VNeID")
    Campaign.objects.filter(pk=running.pk).update(status=Campaign.Status.SENDING)
    campaign(two_wards.b, account(two_wards.b, "console"), comms, name="Của phường khác")

    client.force_login(comms)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Việc của tôi" in body
    assert "Chờ duyệt tháng 12" in body and "Đang gửi VNeID" in body
    assert "Của phường khác" not in body
    assert reverse("qr_batch_new") in body
    # Wagtail's site summary (English counts of pages, images, documents) is gone.
    assert "w-summary" not in body and "Search all pages" not in body


def test_ward_admin_sees_the_import_shortcuts(client, two_wards):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Nhập dữ liệu gần đây" in body
    assert reverse("wards_import", args=["ho-gia-dinh"]) in body

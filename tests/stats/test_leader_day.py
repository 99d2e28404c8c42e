"""A leader's dashboard: what waits for their approval, who is signed in, and a way out."""

from django.urls import reverse

from campaigns.models import Campaign
from tests.campaigns.conftest import account, campaign
from wards.roles import Role


def test_leader_sees_a_badge_for_campaigns_waiting_and_can_sign_out(client, two_wards):
    comms = two_wards.users[Role.COMMUNICATIONS]
    built = campaign(two_wards.a, account(two_wards.a, "console"), comms, name="Chờ duyệt")
    leader = two_wards.users[Role.LEADER]
    client.force_login(leader)
    body = client.get(reverse("stats:dashboard")).content.decode()
    assert "Không có chiến dịch chờ duyệt" in body
    Campaign.objects.filter(pk=built.pk).update(status=Campaign.Status.AWAITING_APPROVAL)
    body = client.get(reverse("stats:dashboard")).content.decode()
    assert "1 chiến dịch chờ bạn duyệt" in body
    assert reverse("campaigns:approvals") in body
    assert reverse("wards:logout") in body

    response = client.post(reverse("wards:logout"))
    assert response.status_code == 302
    assert client.get(reverse("stats:dashboard")).status_code == 302  # signed out


def test_staff_who_do_not_approve_see_no_badge(client, two_wards):
    client.force_login(two_wards.users[Role.TEAM_LEADER])
    body = client.get(reverse("stats:dashboard")).content.decode()
    assert "chờ bạn duyệt" not in body and "chờ duyệt" not in body
    assert reverse("wards:logout") in body


def test_the_pdf_report_carries_the_trend_charts_and_the_targets(client, dashboard):
    from stats.models import WardTarget
    from tests.stats.test_exports import download, pdf_text

    WardTarget.objects.update_or_create(ward=dashboard.a, defaults={"vneid_level2": 70})
    response = download(client, dashboard.leader, "stats:pdf")
    pages, content = pdf_text(response.content)
    assert pages == 1
    assert "Xu hướng theo tháng và chỉ tiêu" in content
    assert "Chỉ tiêu 70 %" in content  # the target line is labelled inside the chart
